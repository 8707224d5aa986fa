// The directory's copy on this computer: how many sites, when and where it was downloaded
// from, Update now, and Turn off and delete.
import type { DirectoryStatus } from '../../../../preload/contract';
import { plural } from '../../lib/plural';
import { formatDate, hostOf } from './directory-text';

export function DirectoryCopy({
  status,
  busy,
  onUpdate,
  onTurnOff,
}: {
  status: DirectoryStatus;
  busy: boolean;
  onUpdate: () => void;
  onTurnOff: () => void;
}) {
  return (
    <div className="directory-meta">
      <p className="hint">
        {status.fetchedAt
          ? `${plural(status.siteCount, 'site')}, downloaded ${formatDate(status.fetchedAt)} from ${hostOf(status.source)}.`
          : `From ${hostOf(status.source)}.`}
      </p>
      <div className="buttons">
        <button type="button" disabled={busy} onClick={onUpdate}>
          {busy ? 'Updating…' : 'Update now'}
        </button>
        <button type="button" disabled={busy} onClick={onTurnOff}>
          Turn off and delete
        </button>
      </div>
    </div>
  );
}
