// The window's view of sync, from the engine's status and what the service is waiting for.
import type { SyncStatus } from '../../sync';
import { syncErrorSentence } from './sync-errors';
import type { SyncSecrets } from './sync-secrets';
import type { SyncView } from '../../../preload/views/sync';

export interface ViewParts {
  locked: boolean;
  secrets: SyncSecrets | undefined;
  status: SyncStatus | undefined;
  lastMerge: SyncView['lastMerge'];
  /** An error of the service's own (a start that failed, a join that ended). */
  error: string | undefined;
  joining: SyncView['joining'];
  joined: SyncView['joined'];
  invitation: SyncView['invitation'];
  suggestedName: string;
}

export function syncViewOf(parts: ViewParts): SyncView {
  const { secrets, status } = parts;
  const devices = (status?.devices ?? []).map((d) => ({
    device: d.device,
    name: d.thisDevice ? (secrets?.name ?? d.name ?? null) : (d.name ?? null),
    lastSeen: d.lastSeen,
    clockAheadMs: d.clockAheadMs,
    problem:
      d.removed && d.thisDevice
        ? 'Another device removed this computer from sync: it gets no new changes. Leave sync here, then join again with a new invitation if that was a mistake.'
        : (d.problem?.message ??
          (d.removed ? 'Removed from sync: its changes are no longer used.' : null)),
    thisDevice: d.thisDevice,
    removed: d.removed,
  }));
  // This device first, then the others by name.
  devices.sort((a, b) =>
    a.thisDevice !== b.thisDevice
      ? a.thisDevice
        ? -1
        : 1
      : (a.name ?? a.device).localeCompare(b.name ?? b.device),
  );
  return {
    state: parts.locked ? 'locked' : secrets ? 'on' : 'off',
    folder: secrets?.folder ?? null,
    thisDevice: secrets ? { device: secrets.device, name: secrets.name } : null,
    devices: secrets ? devices : [],
    clockNotice: secrets ? (status?.clockNotice ?? null) : null,
    lastMerge: parts.lastMerge,
    lastCheck: status?.lastMerge?.at ?? null,
    error: parts.error ?? syncErrorSentence(status?.error),
    joining: parts.joining,
    joined: parts.joined,
    invitation: parts.invitation,
    suggestedName: parts.suggestedName,
  };
}
