// Add → Scan a QR code: the screen, a region of it, an image file or the clipboard's image;
// what the last scan found (or why nothing), and where to turn two-step on.
import type { RefObject } from 'react';
import type { Result, ScanResult } from '../../../../preload/contract';
import { api } from '../../lib/api';

export function ScanSection({
  firstButton,
  busy,
  runScan,
  message,
  onSetup,
}: {
  firstButton: RefObject<HTMLButtonElement | null>;
  busy: boolean;
  runScan: (run: () => Promise<Result<ScanResult | null>>) => void;
  message: string | null;
  onSetup: (() => void) | undefined;
}) {
  return (
    <section aria-labelledby="scan-title">
      <h2 id="scan-title">Scan a QR code</h2>
      <div className="button-grid">
        <button
          ref={firstButton}
          type="button"
          disabled={busy}
          onClick={() => runScan(() => api().scanScreen())}
        >
          Scan screen
        </button>
        <button type="button" disabled={busy} onClick={() => runScan(() => api().scanRegion())}>
          Scan a region
        </button>
        <button type="button" disabled={busy} onClick={() => runScan(() => api().scanImageFile())}>
          From image file
        </button>
        <button type="button" disabled={busy} onClick={() => runScan(() => api().scanClipboard())}>
          From clipboard image
        </button>
      </div>
      <p className="form-error" role="alert">
        {message ?? ''}
      </p>
      {onSetup && (
        <p className="hint">
          Not sure where a site keeps its two-step settings?{' '}
          <button type="button" className="link" onClick={onSetup}>
            Set up two-step…
          </button>
        </p>
      )}
    </section>
  );
}
