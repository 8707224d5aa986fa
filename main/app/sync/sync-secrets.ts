// Where sync's secrets live: one entry of the vault's secrets section ("sync"), a JSON string
// with this device's id and name, the sync keys (current first), its signing and key-agreement
// pairs, the folder, and the group's membership (the members' pinned keys, the removed devices,
// this device's open invitations: docs/sync.md § Membership). Membership lives here, not only in
// the folder, because anyone who can write the folder can delete or add files there. The vault is protected like the accounts (passphrase and/or keychain),
// so these are as safe as the secrets they sync; nothing of them is written anywhere else.
import { z } from 'zod';
import { syncKeyFrom } from '../../sync';
import type { SyncKey } from '../../sync';
import type { DeviceKeys } from '../../sync/device-keys';
import { membershipSchema } from '../../sync/membership';
import type { Membership } from '../../sync/membership';
import { DEVICE_ID } from '../../sync/hlc';
import { AppError } from '../shared/user-errors';
import { MAX_STATE_CHUNKS, STATE_SECRET } from '../../sync/applied-state';

export const SYNC_SECRET = 'sync';
/** Older keys are kept to read files written before a rotation; this many is plenty. */
export const MAX_KEPT_KEYS = 16;

export interface SyncSecrets {
  device: string;
  name: string;
  folder: string;
  /** Current first. */
  keys: SyncKey[];
  deviceKeys: DeviceKeys;
  /** Absent for a group from format 1 (version 1 of this secret): the app closes it once. */
  membership?: Membership | undefined;
  /**
   * A join not yet seen introduced: what its join request carries (join-request.ts writes it
   * again at a start when a crash kept it from the folder).
   */
  join?: PendingJoinRequest | undefined;
}

export interface PendingJoinRequest {
  invite: string;
  /** The MAC over this device's id and keys under the invitation's MAC key (not the code). */
  mac: string;
  /** When it was first written, by this computer's clock (the request's HLC). */
  at: number;
  /** The id of the sync key the invitation gave (the request is under it). */
  key: string;
}

/** The part of the vault that keeps them (Vault has both; locked, both throw). */
export interface SecretStore {
  secret(name: string): string | undefined;
  setSecret(name: string, value: string | undefined): Promise<void>;
}

const b64 = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/);

const stored = z.strictObject({
  // 1: before membership (sync format 1); 2: with it.
  v: z.union([z.literal(1), z.literal(2)]),
  device: z.string().regex(DEVICE_ID),
  name: z.string().min(1).max(64),
  folder: z.string().min(1).max(4096),
  keys: z.array(b64(44)).min(1).max(MAX_KEPT_KEYS),
  deviceKeys: z.strictObject({
    signPublic: b64(200),
    signPrivate: b64(200),
    dhPublic: b64(200),
    dhPrivate: b64(200),
  }),
  membership: membershipSchema.optional(),
  join: z
    .strictObject({
      invite: z.string().regex(/^[a-z2-7]{13}$/),
      mac: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
      at: z.number().int().min(0),
      key: z.string().min(1).max(64),
    })
    .optional(),
});

export function readSyncSecrets(store: SecretStore): SyncSecrets | undefined {
  const text = store.secret(SYNC_SECRET);
  if (text === undefined) return undefined;
  try {
    const parsed = stored.parse(JSON.parse(text));
    return {
      device: parsed.device,
      name: parsed.name,
      folder: parsed.folder,
      keys: parsed.keys.map((k) => syncKeyFrom(Buffer.from(k, 'base64'))),
      deviceKeys: parsed.deviceKeys,
      ...(parsed.membership && { membership: parsed.membership }),
      ...(parsed.join && { join: parsed.join }),
    };
  } catch {
    // Never dropped on a guess: the person decides (Leave, then join again).
    throw new AppError(
      'sync-secrets-unreadable',
      'The sync settings kept in the vault cannot be read; leave sync and join again with an invitation.',
    );
  }
}

export async function writeSyncSecrets(store: SecretStore, secrets: SyncSecrets): Promise<void> {
  const value = {
    v: secrets.membership ? 2 : 1,
    device: secrets.device,
    name: secrets.name,
    folder: secrets.folder,
    keys: secrets.keys.slice(0, MAX_KEPT_KEYS).map((k) => k.key.toString('base64')),
    deviceKeys: secrets.deviceKeys,
    ...(secrets.membership && { membership: secrets.membership }),
    ...(secrets.join && { join: secrets.join }),
  };
  await store.setSecret(SYNC_SECRET, JSON.stringify(stored.parse(value)));
}

/** Leaving sync forgets its keys and membership, and the record of what was applied here. */
export async function forgetSyncSecrets(store: SecretStore): Promise<void> {
  await store.setSecret(SYNC_SECRET, undefined);
  for (let i = 0; i < MAX_STATE_CHUNKS; i++) {
    const name = `${STATE_SECRET}.${i}`;
    if (store.secret(name) !== undefined) await store.setSecret(name, undefined);
  }
}
