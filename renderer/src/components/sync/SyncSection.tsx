// Settings → Sync (issue 17). Off: choose a folder your sync program keeps in step (Syncthing,
// Dropbox, iCloud Drive…) to start, or join with an invitation from a computer that syncs
// already. On: the folder, this computer, every device with when it was last seen and its
// problem, the last merge, Invite a device, Remove, Rename, Leave.
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { SyncInvitationView, SyncView } from '../../../../preload/contract';
import { ErrorMessage, TextField } from '../Field';
import { api } from '../../lib/api';
import { InvitationPanel } from './InvitationPanel';
import { JoinForm } from './JoinForm';
import { run, useNow, useSyncView } from './sync-actions';
import { ago, mergeText, spacedCode } from './sync-text';
import './sync.css';

type Mode = { kind: 'idle' } | { kind: 'start' | 'join'; folder: string; devices: number };

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

interface Props {
  view: SyncView;
  onView: (view: SyncView) => void;
  error: string | null;
  setError: (message: string | null) => void;
}

function SyncOff({ view, onView, error, setError }: Props) {
  const [mode, setMode] = useState<Mode>({ kind: 'idle' });
  const [name, setName] = useState(view.suggestedName);
  const choose = async (kind: 'start' | 'join') => {
    setError(null);
    const result = await run(() => api().syncChooseFolder());
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
    const result = await run(() => api().syncStart({ folder: mode.folder, deviceName: name }));
    if (!result.ok) setError(result.message);
    else onView(result.value);
  };
  const cancelJoin = async () => {
    const result = await run(() => api().syncCancelJoin());
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
              This folder already syncs {mode.devices} device{mode.devices === 1 ? '' : 's'}: join
              with an invitation from one of them (Settings → Sync → Invite a device there).
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

function SyncOn({ view, onView, now, error, setError }: Props & { now: number }) {
  const [invitation, setInvitation] = useState<SyncInvitationView | null>(null);
  const [confirm, setConfirm] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [joinedSeen, setJoinedSeen] = useState(false);
  const act = async (action: () => ReturnType<typeof run<SyncView>>) => {
    setError(null);
    const result = await action();
    if (!result.ok) setError(result.message);
    else onView(result.value);
    return result.ok;
  };
  const invite = async () => {
    setError(null);
    const result = await run(() => api().syncInvite());
    if (!result.ok) setError(result.message);
    else setInvitation(result.value);
  };
  const rename = async (event: FormEvent) => {
    event.preventDefault();
    if (renaming === null) return;
    if (await act(() => run(() => api().syncRename(renaming)))) setRenaming(null);
  };
  const others = view.devices.filter((d) => !d.thisDevice);
  return (
    <>
      {view.joined && !joinedSeen && (
        <div className="notice sync-joined" role="status">
          <p>
            Joined{view.joined.inviterName ? ` ${view.joined.inviterName}'s sync` : ''}. Check that
            the other computer shows the same code:
          </p>
          <p className="sync-check-code">{spacedCode(view.joined.checkCode)}</p>
          <button type="button" onClick={() => setJoinedSeen(true)}>
            The codes match
          </button>
        </div>
      )}
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
      {view.error && <p className="field-error">{view.error}</p>}
      <h3>Devices</h3>
      <ul className="sync-devices">
        {view.devices.map((device) => {
          const label = device.name ?? `Device ${device.device.slice(0, 6)}`;
          return (
            <li key={device.device} className={device.problem ? 'has-problem' : undefined}>
              <div className="sync-device-head">
                <span className="sync-device-name">
                  {label}
                  {device.thisDevice && <span className="badge">this computer</span>}
                </span>
                {!device.thisDevice && !device.removed && confirm !== device.device && (
                  <button type="button" onClick={() => setConfirm(device.device)}>
                    Remove
                  </button>
                )}
              </div>
              <p className="hint">
                Last seen {device.thisDevice ? ago(view.lastCheck, now) : ago(device.lastSeen, now)}
                {device.clockAheadMs > 0 &&
                  `; its clock is ${Math.round(device.clockAheadMs / 60_000)} minutes ahead`}
              </p>
              {device.problem && <p className="field-error">{device.problem}</p>}
              {confirm === device.device && (
                <div className="sync-confirm" role="group" aria-label={`Remove ${label}`}>
                  <p>
                    Remove {label}? It keeps the accounts it has, but gets no new changes; the
                    others get a new key.
                  </p>
                  <div className="buttons">
                    <button
                      type="button"
                      className="danger"
                      onClick={() =>
                        void act(() => run(() => api().syncRemoveDevice(device.device))).then(() =>
                          setConfirm(null),
                        )
                      }
                    >
                      Remove {label}
                    </button>
                    <button type="button" onClick={() => setConfirm(null)}>
                      Cancel
                    </button>
                  </div>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {others.length === 0 && (
        <p className="hint">No other device yet: invite one to sync with this computer.</p>
      )}
      {invitation ? (
        <InvitationPanel
          invitation={invitation}
          status={view.invitation}
          now={now}
          onClose={() => setInvitation(null)}
        />
      ) : (
        <div className="buttons">
          <button type="button" className="primary" onClick={() => void invite()}>
            Invite a device
          </button>
          {confirm === 'leave' ? null : (
            <button type="button" onClick={() => setConfirm('leave')}>
              Leave sync
            </button>
          )}
        </div>
      )}
      {confirm === 'leave' && (
        <div className="sync-confirm" role="group" aria-label="Leave sync">
          <p>
            Leave sync on this computer? Its accounts stay here, and the folder keeps its files for
            the other devices.
          </p>
          <div className="buttons">
            <button
              type="button"
              className="danger"
              onClick={() =>
                void act(() => run(() => api().syncLeave())).then(() => setConfirm(null))
              }
            >
              Leave sync
            </button>
            <button type="button" onClick={() => setConfirm(null)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      <ErrorMessage message={error} />
    </>
  );
}
