// "Set up two-step": where a site lets you turn on two-step verification, from the 2FA Directory
// (opt-in: until the person turns it on, this view explains what would be downloaded, and from
// where, and downloads nothing). Search by name or domain, browse by category, open a site's
// instructions in the browser, see which sites you already have, and scan the QR code the site
// then shows.
import { useRef, useState } from 'react';
import type { DirectorySiteView, Result, ScanResult } from '../../../../preload/contract';
import { ErrorMessage } from '../../components/Field';
import { useNotify } from '../../components/Toasts';
import { api, call } from '../../lib/api';
import { Attribution } from './Attribution';
import { DirectoryCopy } from './DirectoryCopy';
import { DirectorySites } from './DirectorySites';
import { formatDate } from './directory-text';
import { OptIn } from './OptIn';
import { useDirectory } from './useDirectory';
import './setup-view.css';

export function SetupView({
  onClose,
  onScanned,
  onChanged,
}: {
  onClose: () => void;
  /** A screen scan from here: the Add view shows what it found. */
  onScanned: (scan: Result<ScanResult>) => void;
  /** The directory was turned on or off: account icons may change. */
  onChanged: () => void;
}) {
  const { toast } = useNotify();
  const heading = useRef<HTMLHeadingElement>(null);
  const directory = useDirectory(onChanged, heading);
  const { status, busy, change } = directory;
  const [scanning, setScanning] = useState(false);

  const scan = async () => {
    setScanning(true);
    const result = await call(() => api().scanScreen());
    setScanning(false);
    onScanned(result);
  };

  const open = async (site: DirectorySiteView) => {
    const result = await call(() => api().directoryOpenDocumentation(site.id));
    if (!result.ok) toast({ message: result.error.message });
  };

  return (
    <main className="view setup-view">
      <div className="view-header">
        <h1 ref={heading} tabIndex={-1}>
          Set up two-step
        </h1>
        <button type="button" onClick={onClose}>
          Back
        </button>
      </div>
      <p className="hint">
        Turn on two-step verification in the site’s security settings; when it shows a QR code, scan
        it.
      </p>
      <button type="button" className="primary" disabled={scanning} onClick={() => void scan()}>
        {scanning ? 'Scanning…' : 'Scan QR from screen'}
      </button>
      <ErrorMessage message={directory.error} />
      {!status ? (
        <p role="status">Loading…</p>
      ) : !status.enabled ? (
        <OptIn
          status={status}
          busy={busy}
          onEnable={() => void change(() => api().directorySetEnabled(true), true)}
        />
      ) : (
        <>
          {status.error && (
            <p className="notice warning" role="alert">
              Could not update the directory: {status.error}
              {status.fetchedAt && ` The copy from ${formatDate(status.fetchedAt)} is still used.`}
            </p>
          )}
          {directory.hasCopy ? (
            <DirectorySites
              status={status}
              search={directory.search}
              onOpen={(s) => void open(s)}
            />
          ) : (
            <p>{busy || status.updating ? 'Downloading the directory…' : 'No copy yet.'}</p>
          )}
          <DirectoryCopy
            status={status}
            busy={busy}
            onUpdate={() => void change(() => api().directoryUpdate())}
            onTurnOff={() => void change(() => api().directorySetEnabled(false), true)}
          />
          <Attribution />
        </>
      )}
    </main>
  );
}
