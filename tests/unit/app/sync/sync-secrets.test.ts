// Sync's secrets in the vault's secrets section (main/app/sync/sync-secrets.ts): what is kept,
// bounded, and what happens when what is kept cannot be read (never dropped on a guess).
import { describe, expect, it } from 'vitest';
import {
  MAX_KEPT_KEYS,
  readSyncSecrets,
  SYNC_SECRET,
  writeSyncSecrets,
} from '../../../../main/app/sync/sync-secrets';
import type { SecretStore } from '../../../../main/app/sync/sync-secrets';
import { newDeviceId, newSyncKey } from '../../../../main/sync';
import { newDeviceKeys } from '../../../../main/sync/device-keys';

function memoryStore(initial?: string) {
  const values = new Map<string, string>();
  if (initial !== undefined) values.set(SYNC_SECRET, initial);
  const store: SecretStore = {
    secret: (name) => values.get(name),
    setSecret: async (name, value) => {
      if (value === undefined) values.delete(name);
      else values.set(name, value);
    },
  };
  return { store, values };
}

describe('sync secrets', () => {
  it('round-trip: id, name, folder, keys (current first), device keys; at most 16 keys kept', async () => {
    const { store, values } = memoryStore();
    const keys = Array.from({ length: 20 }, () => newSyncKey());
    const secrets = {
      device: newDeviceId(),
      name: 'Desk',
      folder: '/home/a/Sync',
      keys,
      deviceKeys: newDeviceKeys(),
    };
    await writeSyncSecrets(store, secrets);
    const back = readSyncSecrets(store)!;
    expect(back.keys).toHaveLength(MAX_KEPT_KEYS);
    expect(back.keys.map((k) => k.id)).toEqual(keys.slice(0, MAX_KEPT_KEYS).map((k) => k.id));
    expect(back).toMatchObject({ device: secrets.device, name: 'Desk', folder: '/home/a/Sync' });
    expect(back.deviceKeys).toEqual(secrets.deviceKeys);
    expect(values.get(SYNC_SECRET)!.length).toBeLessThan(64 * 1024);
  });

  it('none kept: undefined', () => {
    expect(readSyncSecrets(memoryStore().store)).toBeUndefined();
  });

  it.each([
    ['not JSON', '{'],
    ['another version', JSON.stringify({ v: 2 })],
    ['a key of 31 bytes', null],
  ])('what cannot be read (%s) is an error with a sentence, and stays', (_, text) => {
    const value =
      text ??
      JSON.stringify({
        v: 1,
        device: newDeviceId(),
        name: 'Desk',
        folder: '/x',
        keys: [Buffer.alloc(31).toString('base64')],
        deviceKeys: newDeviceKeys(),
      });
    const { store, values } = memoryStore(value);
    expect(() => readSyncSecrets(store)).toThrow(/cannot be read; leave sync and join again/);
    expect(values.get(SYNC_SECRET)).toBe(value);
  });
});
