// The group's membership in the vault (main/app/sync/sync-secrets.ts, docs/sync.md § Keys): kept
// with the keys in the vault secret `sync` (version 2), read back whole, and a vault from before
// membership (version 1) is read as an open group that the app closes at its first unlock.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  readSyncSecrets,
  SYNC_SECRET,
  writeSyncSecrets,
} from '../../../../main/app/sync/sync-secrets';
import type { SecretStore } from '../../../../main/app/sync/sync-secrets';
import { newDeviceId, newSyncKey } from '../../../../main/sync';
import { newDeviceKeys } from '../../../../main/sync/device-keys';
import { founderMembership } from '../../../../main/sync/membership';
import { fakeApp } from '../../../fakes/app';
import type { FakeApp } from '../../../fakes/app';
import { waitFor } from './apps';

function memoryStore() {
  const values = new Map<string, string>();
  const store: SecretStore = {
    secret: (name) => values.get(name),
    setSecret: async (name, value) => {
      if (value === undefined) values.delete(name);
      else values.set(name, value);
    },
  };
  return { store, values };
}

const started: FakeApp[] = [];
afterEach(async () => {
  for (const app of started.splice(0)) await app.app.shutdown();
});

describe('membership in the vault', () => {
  it('round-trips as version 2; version 1 reads as a group without membership; a damaged one is never dropped', async () => {
    const { store, values } = memoryStore();
    const device = newDeviceId();
    const deviceKeys = newDeviceKeys();
    const membership = founderMembership(device, deviceKeys);
    membership.removed[newDeviceId()] = { by: device, at: 'hlc', upToSeq: 7 };
    membership.invitations.push({
      invite: 'abcdefghijklm',
      mac: Buffer.alloc(32, 1).toString('base64'),
      expiresAt: 1,
    });
    const secrets = { device, name: 'Desk', folder: '/s', keys: [newSyncKey()], deviceKeys };
    await writeSyncSecrets(store, { ...secrets, membership });
    expect(JSON.parse(values.get(SYNC_SECRET)!)).toMatchObject({ v: 2 });
    expect(readSyncSecrets(store)!.membership).toEqual(membership);

    await writeSyncSecrets(store, secrets);
    expect(JSON.parse(values.get(SYNC_SECRET)!)).toMatchObject({ v: 1 });
    expect(readSyncSecrets(store)!.membership).toBeUndefined();

    const damaged = JSON.parse(values.get(SYNC_SECRET)!) as Record<string, unknown>;
    damaged.v = 2;
    damaged.membership = { open: false, members: { [device]: { sign: 'not a key' } } };
    values.set(SYNC_SECRET, JSON.stringify(damaged));
    expect(() => readSyncSecrets(store)).toThrow(/cannot be read/);
    expect(values.get(SYNC_SECRET)).toBe(JSON.stringify(damaged));
  });

  it('a group started here is closed from the start; one from before membership is closed at the next unlock', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'trayotp-membership-'));
    const a = await fakeApp();
    started.push(a);
    await a.app.session.create();
    await a.app.sync.start(folder, 'Desk');
    const vault = () => a.app.session.current!;
    const stored = () => JSON.parse(vault().secret(SYNC_SECRET)!) as Record<string, unknown>;
    const me = a.app.sync.status().thisDevice!.device;
    expect(stored()).toMatchObject({ v: 2, membership: { open: false } });

    // As a vault from before the update held it.
    const old = stored();
    delete old.membership;
    await vault().setSecret(SYNC_SECRET, JSON.stringify({ ...old, v: 1 }));
    await a.app.session.lock();
    await a.app.session.unlock();
    const closed = () => (stored().membership as { open?: boolean } | undefined)?.open === false;
    await waitFor('the group closed in the vault', closed);
    expect(stored()).toMatchObject({
      v: 2,
      membership: { open: false, members: { [me]: { legacyUpTo: expect.any(Number) } } },
    });
  });
});
