// Settings → Sync's devices: each with its name, when it was last seen, how far its clock is
// ahead, its problem, and Remove (asked to confirm first).
import type { SyncView } from '../../../../preload/contract';
import { ago } from './sync-text';
import { SyncConfirm } from './SyncConfirm';

export function SyncDevices({
  view,
  now,
  confirm,
  setConfirm,
  onRemove,
}: {
  view: SyncView;
  now: number;
  /** The device whose removal is being confirmed ('leave' and null: none). */
  confirm: string | null;
  setConfirm: (confirm: string | null) => void;
  onRemove: (device: string) => void;
}) {
  return (
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
                onConfirm={() => onRemove(device.device)}
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
  );
}
