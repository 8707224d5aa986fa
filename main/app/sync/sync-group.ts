// The secrets of sync's three beginnings, each kept in the vault before anything is written to
// the folder: a new group (this computer its first device), a join by an accepted invitation
// (with this device's join request in the folder, the proof it holds the invitation's code), and
// an invitation for another computer (the engine pairs it with the device that proves it, G4).
// And the engine each runs with, over the vault as sync sees it.
import {
  acceptInvitation,
  checkCode,
  createInvitation,
  joinerMembership,
  newDeviceId,
  newSyncKey,
  requestJoin,
  SyncEngine,
} from '../../sync';
import type { FolderWatcher, parseInvitationText, SyncEngineDeps, SyncVault } from '../../sync';
import { newDeviceKeys } from '../../sync/device-keys';
import { founderMembership, joinProof } from '../../sync/membership';
import type { Clock } from '../../time/clock';
import type { Vault } from '../../vault';
import type { SyncInvitationView, SyncView } from '../../../preload/views/sync';
import { OwnInvitation } from './own-invitation';
import { syncUserError } from './sync-errors';
import { writeSyncSecrets } from './sync-secrets';
import type { SyncSecrets } from './sync-secrets';

/** A new group in `folder`: this computer is its first device (kept in the vault). */
export async function startGroup(vault: Vault, folder: string, name: string): Promise<SyncSecrets> {
  const device = newDeviceId();
  const deviceKeys = newDeviceKeys();
  const secrets: SyncSecrets = {
    device,
    name,
    folder,
    keys: [newSyncKey()],
    deviceKeys,
    membership: founderMembership(device, deviceKeys),
  };
  await writeSyncSecrets(vault, secrets);
  return secrets;
}

export interface Joined {
  secrets: SyncSecrets;
  /** What both screens show; the inviter's name once its card is read. */
  joined: NonNullable<SyncView['joined']>;
  inviter: string;
}

/**
 * Joins with an invitation whose file is in the folder (else the core's invitation-not-found):
 * the secrets kept in the vault, then this device's join request written. `stillWanted` is asked
 * after the folder was read, before anything is kept (a lock or a leave came meanwhile).
 */
export async function joinGroup(
  vault: Vault,
  folder: string,
  input: ReturnType<typeof parseInvitationText>,
  name: string,
  now: number,
  stillWanted: () => boolean,
): Promise<Joined | undefined> {
  const accepted = await acceptInvitation(folder, input);
  if (!stillWanted()) return undefined;
  const device = newDeviceId();
  const deviceKeys = newDeviceKeys();
  // The group as the inviter knew it, and this device (an invitation of a TrayOTP before sync
  // format 2 carries none: the group stays open until that computer is updated).
  const membership = joinerMembership(accepted, device, deviceKeys);
  const secrets: SyncSecrets = {
    device,
    name,
    folder,
    keys: [accepted.key],
    deviceKeys,
    ...(membership && { membership }),
    // Kept until the introduction is seen: a crash before the request is in the folder is made
    // good at the next start (join-request.ts).
    ...(membership && {
      join: {
        ...joinProof(accepted.mac, accepted.invite, device, deviceKeys),
        at: now,
        key: accepted.key.id,
      },
    }),
  };
  await writeSyncSecrets(vault, secrets);
  // This device's first file: proof for the inviter that it holds the invitation's code.
  await requestJoin(folder, accepted, device, deviceKeys, now);
  return {
    secrets,
    joined: { checkCode: checkCode(accepted.key, accepted.invite, device), inviterName: null },
    inviter: accepted.inviter,
  };
}

/** A one-time invitation (15 minutes), written to the folder and told to the engine. */
export async function inviteInto(
  engine: SyncEngine,
  secrets: SyncSecrets,
  now: number,
): Promise<{ own: OwnInvitation; view: SyncInvitationView }> {
  const key = engine.keys[0]!;
  const invitation = await createInvitation({
    folder: secrets.folder,
    device: secrets.device,
    key,
    now,
    deviceKeys: secrets.deviceKeys,
    membership: engine.membership,
  }).catch((error: unknown) => {
    throw syncUserError(error);
  });
  // The engine pairs it with the device whose join request proves it holds the code (G4).
  const { invite, mac, expiresAt } = invitation;
  engine.addInvitation({ invite, mac, expiresAt });
  return {
    own: new OwnInvitation(invite, key, expiresAt),
    view: { qrText: invitation.qrText, phrase: invitation.phrase, expiresAt },
  };
}

export interface EngineOptions {
  clock: Clock;
  watcher?: FolderWatcher | undefined;
  debounceMs?: number | undefined;
  clockOffsetMs?: (() => number | undefined) | undefined;
}

type EngineEvents = Pick<
  SyncEngineDeps,
  'onStatus' | 'onKeysChanged' | 'onMembershipChanged' | 'onIntroduced'
>;

/** The engine for a group's secrets, over the unlocked vault. */
export function engineFor(
  secrets: SyncSecrets,
  vault: Vault,
  options: EngineOptions,
  events: EngineEvents,
): SyncEngine {
  return new SyncEngine({
    folder: secrets.folder,
    identity: {
      device: secrets.device,
      name: secrets.name,
      keys: secrets.keys,
      deviceKeys: secrets.deviceKeys,
      ...(secrets.membership && { membership: secrets.membership }),
    },
    vault: syncVault(vault),
    clock: options.clock,
    ...(options.watcher && { watcher: options.watcher }),
    ...(options.debounceMs !== undefined && { debounceMs: options.debounceMs }),
    ...(options.clockOffsetMs && { clockOffsetMs: options.clockOffsetMs }),
    ...events,
  });
}

/** The vault as the engine sees it: its saves are of kind 'sync', which it need not be told of. */
function syncVault(vault: Vault): SyncVault {
  return {
    get entries() {
      return vault.entries;
    },
    replaceEntries: (next, options) => vault.replaceEntries(next, { ...options, kind: 'sync' }),
    secret: (name) => vault.secret(name),
  };
}
