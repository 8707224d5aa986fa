// Settings → Sync while off: choose a folder to start a group, or join one with an invitation
// (and, while its file is on its way, say so with a way to stop waiting).
import { useState } from 'react';
import type { FormEvent } from 'react';
import { ErrorMessage, TextField } from '../Field';
import { api, attempt } from '../../lib/api';
import { JoinForm } from './JoinForm';
import type { Props } from './sync-props';
import { plural } from '../../lib/plural';

type Mode = { kind: 'idle' } | { kind: 'start' | 'join'; folder: string; devices: number };

export function SyncOff({ view, onView, error, setError }: Props) {
  const [mode, setMode] = useState<Mode>({ kind: 'idle' });
  const [name, setName] = useState(view.suggestedName);
  const choose = async (kind: 'start' | 'join') => {
    setError(null);
    const result = await attempt(() => api().syncChooseFolder());
    if (!result.ok) setError(result.message);
    else if (result.value) {
      // A folder other devices sync through already can only be joined.
      const joinInstead = kind === 'start' && result.value.devices > 0;
      setMode({ kind: joinInstead ? 'join' : kind, ...result.value });
    }
  };
  const start = async (event: FormEvent) => {
    event.preventDefault();
    if (mode.kind !== 'start') return;
    setError(null);
    const result = await attempt(() => api().syncStart({ folder: mode.folder, deviceName: name }));
    if (!result.ok) setError(result.message);
    else onView(result.value);
  };
  const cancelJoin = async () => {
    const result = await attempt(() => api().syncCancelJoin());
    if (result.ok) onView(result.value);
  };

  if (view.joining) {
    return (
      <>
        <p role="status" className="notice">
          {view.joining.message}
        </p>
        <p className="hint">Folder: {view.joining.folder}</p>
        <div className="buttons">
          <button type="button" onClick={() => void cancelJoin()}>
            Stop waiting
          </button>
        </div>
      </>
    );
  }
  return (
    <>
      <p className="hint">
        Sync accounts through a folder that Syncthing, Dropbox, iCloud Drive, Nextcloud or OneDrive
        keeps in step between your computers. TrayOTP writes only encrypted files, under
        trayotp-sync/ in it; no server is involved.
      </p>
      {view.error && <p className="field-error">{view.error}</p>}
      {mode.kind === 'idle' && (
        <div className="buttons">
          <button type="button" className="primary" onClick={() => void choose('start')}>
            Choose folder…
          </button>
          <button type="button" onClick={() => void choose('join')}>
            Join with an invitation…
          </button>
        </div>
      )}
      {mode.kind === 'start' && (
        <form onSubmit={start} noValidate>
          <p className="hint">Folder: {mode.folder}</p>
          <TextField
            label="This computer's name"
            value={name}
            maxLength={64}
            hint="The other devices show it in their list."
            onChange={(event) => setName(event.target.value)}
          />
          <div className="buttons">
            <button type="submit" className="primary">
              Turn on sync
            </button>
            <button type="button" onClick={() => setMode({ kind: 'idle' })}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {mode.kind === 'join' && (
        <>
          {mode.devices > 0 && (
            <p className="notice">
              This folder already syncs {plural(mode.devices, 'device')}: join with an invitation
              from one of them (Settings → Sync → Invite a device there).
            </p>
          )}
          <JoinForm
            view={view}
            folder={mode.folder}
            onView={onView}
            onCancel={() => setMode({ kind: 'idle' })}
          />
        </>
      )}
      <ErrorMessage message={error} />
    </>
  );
}
