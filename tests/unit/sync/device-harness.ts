// A TrayOTP "device" for the sync tests: its own vault (real, cheap KDF) in its own temp folder
// and a SyncEngine over a sync folder. Used by the unit tests (one shared folder) and the
// Syncthing suite (one folder per device, carried by Syncthing).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SyncEngine } from '../../../main/sync/engine';
import type { SyncEngineDeps } from '../../../main/sync/engine';
import { newDeviceKeys } from '../../../main/sync/device-keys';
import type { DeviceKeys } from '../../../main/sync/device-keys';
import type { Membership } from '../../../main/sync/membership';
import { newDeviceId } from '../../../main/sync/keys';
import type { SyncKey } from '../../../main/sync/keys';
import { Vault } from '../../../main/vault';
import type { Entry } from '../../../main/vault';

export interface TestDevice {
  name: string;
  device: string;
  vault: Vault;
  engine: SyncEngine;
  home: string;
  deviceKeys: DeviceKeys;
  /**
   * What the app keeps in the vault's `sync` secret and gives the engine at each unlock: the keys
   * (current first) and the membership (undefined: format 1's open group). The engine's changes
   * are saved here, so restart() is a lock and unlock.
   */
  saved: { keys: SyncKey[]; membership?: Membership };
  /** Labels "issuer:name" of the vault's accounts, sorted. */
  labels(): string[];
  /** Stops the engine and opens a new one over the same vault and folder (a restart). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export { account } from '../../support/accounts';

export function labelsOf(entries: readonly Entry[]): string[] {
  return entries.map((e) => `${e.issuer}:${e.name}`).sort();
}

export async function makeDevice(
  name: string,
  folder: string,
  keys: SyncKey[],
  options: Partial<SyncEngineDeps> & { clock?: { now(): number } } = {},
): Promise<TestDevice> {
  const home = await mkdtemp(join(tmpdir(), `trayotp-device-${name}-`));
  const clock = options.clock ?? { now: () => Date.now() };
  const vault = await Vault.create(join(home, 'vault.trayotp'), {
    clock,
    passphrase: 'device passphrase',
    kdf: { name: 'scrypt', N: 2, r: 1, p: 1 },
    allowWeakKdf: true,
  });
  const device = newDeviceId();
  const deviceKeys = newDeviceKeys();
  const saved: TestDevice['saved'] = { keys };
  const make = () =>
    new SyncEngine({
      folder,
      identity: {
        device,
        name,
        keys: saved.keys,
        deviceKeys,
        ...(saved.membership && { membership: saved.membership }),
      },
      vault,
      clock,
      debounceMs: 50,
      onKeysChanged: (next) => (saved.keys = [...next]),
      onMembershipChanged: (next) => (saved.membership = next),
      ...options,
    });
  const test: TestDevice = {
    name,
    device,
    vault,
    engine: make(),
    home,
    deviceKeys,
    saved,
    labels: () => labelsOf(vault.entries),
    async restart() {
      test.engine.stop();
      await test.engine.idle();
      test.engine = make();
    },
    async close() {
      test.engine.stop();
      await test.engine.idle();
      vault.lock();
      await rm(home, { recursive: true, force: true });
    },
  };
  return test;
}
