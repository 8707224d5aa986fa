// Settings → Sync (issue 17). Off: choose a folder your sync program keeps in step (Syncthing,
// Dropbox, iCloud Drive…) to start, or join with an invitation from a computer that syncs
// already. On: the folder, this computer, every device with when it was last seen and its
// problem, the last merge, Invite a device, Remove, Rename, Leave.
import { useId, useState } from 'react';
import { useNow, useSyncView } from './sync-actions';
import { SyncOff } from './SyncOff';
import { SyncOn } from './SyncOn';
import './sync.css';

export function SyncSection() {
  const id = useId();
  const [view, setView] = useSyncView();
  const [error, setError] = useState<string | null>(null);
  const now = useNow();
  return (
    <section className="sync-settings" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Sync</h2>
      {!view ? null : view.state === 'locked' ? (
        <p className="hint">Unlock TrayOTP to see sync; it runs only while TrayOTP is unlocked.</p>
      ) : view.state === 'off' ? (
        <SyncOff view={view} onView={setView} error={error} setError={setError} />
      ) : (
        <SyncOn view={view} onView={setView} now={now} error={error} setError={setError} />
      )}
    </section>
  );
}
