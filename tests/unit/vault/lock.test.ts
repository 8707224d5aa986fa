// The vault's write lock (main/vault/file-lock.ts) and the temp-file cleanup that relies on it:
// a second writer waits a bounded time and is then refused with a sentence; a dead owner's lock
// is taken over at once, a silent one's after STALE_MS; cleanup never removes a live writer's
// temp file.
import { spawn } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { readdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Vault, VaultBusyError } from '../../../main/vault';
import { STALE_MS, lockPath, withFileLock } from '../../../main/vault/file-lock';
import { removeStaleTemps } from '../../../main/vault/store';
import { CHEAP, PASSPHRASE, account, fixedClock, tempFolder } from './helpers';

async function newVault(lockWaitMs = 300) {
  const folder = await tempFolder();
  const path = join(folder, 'vault.trayotp');
  const clock = fixedClock();
  const vault = await Vault.create(path, {
    clock,
    passphrase: PASSPHRASE,
    ...CHEAP,
    lockWaitMs,
  });
  return { folder, path, clock, vault };
}

/** The pid of a process that has exited (and so cannot hold anything). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.on('close', resolve));
  return child.pid!;
}

/** A live process other than this one; kill it when done. */
function livePid() {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
  return { pid: child.pid!, stop: () => child.kill('SIGKILL') };
}

const OUR_PID_NAMESPACE = (() => {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return undefined;
  }
})();

function lockFile(owner: { host: string; pid: number; pidNamespace?: string }) {
  return JSON.stringify({
    pidNamespace: OUR_PID_NAMESPACE,
    ...owner,
    startedAt: 0,
    token: 'someone-else',
  });
}

describe('the write lock', () => {
  it('refuses a second writer after the bounded wait with a sentence, and saves nothing', async () => {
    const { path, vault } = await newVault(300);
    const before = vault.revision;
    let release: () => void = () => undefined;
    let held: () => void = () => undefined;
    const holds = new Promise<void>((resolve) => (held = resolve));
    const holding = withFileLock(
      path,
      () =>
        new Promise<void>((resolve) => {
          release = resolve;
          held();
        }),
    );
    // Only once the other holder has the lock: on a loaded machine taking it can lose the race
    // to the vault's own save, which then succeeded and left the holder waiting forever.
    await holds;
    const started = performance.now();
    const error = await vault.add(account('alice')).catch((e: unknown) => e);
    const waited = performance.now() - started;
    release();
    await holding;
    expect(error).toBeInstanceOf(VaultBusyError);
    expect((error as VaultBusyError).message).toBe(
      `Another TrayOTP (process ${process.pid} on ${hostname()}) is saving this vault and did not finish within 0.3 seconds; nothing was saved. Try again in a moment.`,
    );
    expect(waited).toBeGreaterThanOrEqual(290);
    expect(waited).toBeLessThan(5_000);
    expect(vault.revision).toBe(before);
    // Once the holder is done, the same change goes through.
    await vault.add(account('alice'));
    expect(vault.entries.map((e) => e.name)).toEqual(['alice']);
  });

  it('takes over the lock of a writer that died (same host, pid gone) at once', async () => {
    const { path, vault } = await newVault(5_000);
    await writeFile(lockPath(path), lockFile({ host: hostname(), pid: await deadPid() }));
    const started = performance.now();
    await vault.add(account('alice'));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect((await readdir(join(path, '..'))).filter((n) => n.includes('.lock'))).toEqual([]);
  });

  it.skipIf(OUR_PID_NAMESPACE === undefined)(
    'a dead pid in another pid namespace (a Flatpak on this host) is not trusted: the lock waits',
    async () => {
      const { path, vault } = await newVault(200);
      const pid = await deadPid();
      await writeFile(lockPath(path), lockFile({ host: hostname(), pid, pidNamespace: 'pid:[1]' }));
      await expect(vault.add(account('alice'))).rejects.toBeInstanceOf(VaultBusyError);
    },
  );

  it('waits for a live lock from another host, and takes it over once it is older than STALE_MS', async () => {
    const { path, vault } = await newVault(200);
    await writeFile(lockPath(path), lockFile({ host: 'another-machine', pid: 1 }));
    await expect(vault.add(account('alice'))).rejects.toBeInstanceOf(VaultBusyError);
    const old = new Date(Date.now() - STALE_MS - 1_000);
    await utimes(lockPath(path), old, old);
    await vault.add(account('alice'));
    expect(vault.entries.map((e) => e.name)).toEqual(['alice']);
  });

  it("cleanup removes a dead writer's temp files and keeps a live writer's", async () => {
    const { folder, path } = await newVault();
    const live = livePid();
    try {
      const dead = await deadPid();
      const names = {
        dead: `.vault.trayotp.tmp-${dead}-0123456789abcdef`,
        live: `.vault.trayotp.tmp-${live.pid}-0123456789abcdef`,
        deadLock: `.vault.trayotp.lock.tmp-${dead}-0123456789abcdef01234567`,
        legacyFresh: '.vault.trayotp.tmp-0123456789abcdef',
        legacyOld: '.vault.trayotp.tmp-fedcba9876543210',
        oldLive: `.vault.trayotp.tmp-${live.pid}-fedcba9876543210`,
      };
      for (const name of Object.values(names)) await writeFile(join(folder, name), 'partial');
      const old = new Date(Date.now() - STALE_MS - 1_000);
      await utimes(join(folder, names.legacyOld), old, old);
      await utimes(join(folder, names.oldLive), old, old);
      await removeStaleTemps(path);
      const left = (await readdir(folder)).filter((n) => n.includes('.tmp-')).sort();
      // A lock temp goes by age alone (its waiter's pid may be in another pid namespace).
      expect(left).toEqual([names.deadLock, names.legacyFresh, names.live].sort());
    } finally {
      live.stop();
    }
  });
});
