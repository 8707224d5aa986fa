// Adding an account: scan the screen, a region, an image file or the clipboard; paste an
// otpauth:// link; or type the secret. Scans come back as candidates held in main (the window
// sees labels only); the user picks which to add.
import { useEffect, useRef } from 'react';
import type { AccountView, Result, ScanResult } from '../../../../preload/contract';
import { LinkSection, useLinkForm } from './LinkSection';
import { ManualSection, useManualForm } from './ManualSection';
import { ScanPicker } from './ScanPicker';
import { ScanSection } from './ScanSection';
import { useScans } from './scans';

export function AddView({
  pushedScan,
  onAdded,
  onEnrol,
  onClose,
  onSetup,
}: {
  /** What a scan started from the tray or the scan hotkey found. */
  pushedScan?: Result<ScanResult> | undefined;
  /** Added from a link or the form: back to the list, with this account selected. */
  onAdded: (account: AccountView, warnings: string[]) => void;
  /** Added from a scan: the enrolment view for the one account (or the list for several). */
  onEnrol: (added: AccountView[]) => void;
  onClose: () => void;
  /** Opens "Set up two-step": where each site keeps its two-step settings. */
  onSetup?: () => void;
}) {
  const link = useLinkForm(onAdded);
  const manual = useManualForm(onAdded);
  const scans = useScans(pushedScan);
  const firstButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    firstButton.current?.focus();
  }, []);

  if (scans.scan) {
    return (
      <main className="view add-view">
        <h1>Add account</h1>
        <ScanPicker
          scan={scans.scan}
          onAdded={(added) => {
            scans.setScan(null);
            onEnrol(added);
          }}
          onCancel={() => scans.setScan(null)}
        />
      </main>
    );
  }

  return (
    <main className="view add-view">
      <div className="view-header">
        <h1>Add account</h1>
        <button type="button" onClick={onClose}>
          Back
        </button>
      </div>
      <ScanSection
        firstButton={firstButton}
        busy={scans.busy}
        runScan={(run) => void scans.runScan(run)}
        message={scans.scanMessage}
        onSetup={onSetup}
      />
      <LinkSection {...link} />
      <ManualSection {...manual} />
    </main>
  );
}
