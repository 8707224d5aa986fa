// Settings → Sync while on: the check code after joining, the folder, this computer (Rename),
// the last merge, each device with when it was last seen, its problem and Remove, Invite a
// device, Leave sync.
import { useState } from 'react';
import type { SyncInvitationView, SyncView } from '../../../../preload/contract';
import { ErrorMessage } from '../Field';
import { api, attempt } from '../../lib/api';
import { InvitationPanel } from './InvitationPanel';
import type { Props } from './sync-props';
import { spacedCode } from './sync-text';
import { SyncDevices } from './SyncDevices';
import { SyncFacts } from './SyncFacts';
import { SyncConfirm } from './SyncConfirm';

export function SyncOn({ view, onView, now, error, setError }: Props & { now: number }) {
  const [invitation, setInvitation] = useState<SyncInvitationView | null>(null);
  const [confirm, setConfirm] = useState<string | null>(null);
  const [joinedSeen, setJoinedSeen] = useState(false);
  const act = async (action: () => ReturnType<typeof attempt<SyncView>>) => {
    setError(null);
    const result = await action();
    if (!result.ok) setError(result.message);
    else onView(result.value);
    return result.ok;
  };
  const invite = async () => {
    setError(null);
    const result = await attempt(() => api().syncInvite());
    if (!result.ok) setError(result.message);
    else setInvitation(result.value);
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
      <SyncFacts
        view={view}
        now={now}
        onRename={(name) => act(() => attempt(() => api().syncRename(name)))}
      />
      {view.error && <p className="field-error">{view.error}</p>}
      {/* Whose clock is wrong, when sync can tell (docs/sync.md § Hybrid logical clock). */}
      {view.clockNotice && <p className="notice warning sync-clock-notice">{view.clockNotice}</p>}
      <h3>Devices</h3>
      <SyncDevices
        view={view}
        now={now}
        confirm={confirm}
        setConfirm={setConfirm}
        onRemove={(device) =>
          void act(() => attempt(() => api().syncRemoveDevice(device))).then(() => setConfirm(null))
        }
      />
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
            void act(() => attempt(() => api().syncLeave())).then(() => setConfirm(null))
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
