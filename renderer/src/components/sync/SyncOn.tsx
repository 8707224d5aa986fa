// Settings → Sync while on: the check code after joining, the folder, this computer (Rename),
// the last merge, each device with when it was last seen, its problem and Remove, Invite a
// device, Leave sync.
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { SyncInvitationView, SyncView } from '../../../../preload/contract';
import { ErrorMessage, TextField } from '../Field';
import { api } from '../../lib/api';
import { InvitationPanel } from './InvitationPanel';
import { run } from './sync-actions';
import type { Props } from './sync-props';
import { ago, mergeText, spacedCode } from './sync-text';
import { SyncConfirm } from './SyncConfirm';

export function SyncOn({ view, onView, now, error, setError }: Props & { now: number }) {
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
      {/* Whose clock is wrong, when sync can tell (docs/sync.md § Hybrid logical clock). */}
      {view.clockNotice && <p className="notice warning sync-clock-notice">{view.clockNotice}</p>}
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
                <SyncConfirm
                  label={`Remove ${label}`}
                  action={`Remove ${label}`}
                  onConfirm={() =>
                    void act(() => run(() => api().syncRemoveDevice(device.device))).then(() =>
                      setConfirm(null),
                    )
                  }
                  onCancel={() => setConfirm(null)}
                >
                  Remove {label}? It keeps the accounts it has, but gets no new changes; the others
                  get a new key.
                </SyncConfirm>
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
        <SyncConfirm
          label="Leave sync"
          action="Leave sync"
          onConfirm={() =>
            void act(() => run(() => api().syncLeave())).then(() => setConfirm(null))
          }
          onCancel={() => setConfirm(null)}
        >
          Leave sync on this computer? Its accounts stay here, and the folder keeps its files for
          the other devices.
        </SyncConfirm>
      )}
      <ErrorMessage message={error} />
    </>
  );
}
