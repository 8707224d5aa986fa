// Settings → Sync's facts: the folder, this computer's name (with Rename), and the last merge.
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { SyncView } from '../../../../preload/contract';
import { TextField } from '../Field';
import { ago, mergeText } from './sync-text';

export function SyncFacts({
  view,
  now,
  onRename,
}: {
  view: SyncView;
  now: number;
  /** Renames this computer; true once it is renamed. */
  onRename: (name: string) => Promise<boolean>;
}) {
  const [renaming, setRenaming] = useState<string | null>(null);
  const rename = async (event: FormEvent) => {
    event.preventDefault();
    if (renaming === null) return;
    if (await onRename(renaming)) setRenaming(null);
  };
  return (
    <dl className="sync-facts">
      <dt>Folder</dt>
      <dd className="sync-folder">{view.folder}</dd>
      <dt>This computer</dt>
      <dd>
        {renaming === null ? (
          <>
            {view.thisDevice?.name}{' '}
            <button
              type="button"
              className="link"
              onClick={() => setRenaming(view.thisDevice?.name ?? '')}
            >
              Rename
            </button>
          </>
        ) : (
          <form onSubmit={rename} noValidate className="sync-rename">
            <TextField
              label="New name"
              value={renaming}
              maxLength={64}
              onChange={(event) => setRenaming(event.target.value)}
            />
            <div className="buttons">
              <button type="submit" className="primary">
                Rename
              </button>
              <button type="button" onClick={() => setRenaming(null)}>
                Cancel
              </button>
            </div>
          </form>
        )}
      </dd>
      <dt>Last merge</dt>
      <dd>
        {view.lastMerge
          ? `${mergeText(view.lastMerge)}, ${ago(view.lastMerge.at, now)}`
          : `nothing merged yet; checked ${ago(view.lastCheck, now)}`}
      </dd>
    </dl>
  );
}
