// The vault's cross-process write lock (docs/vault.md § Writing): every save holds it from the
// re-read of the file to the rename and the backup, so two writers (the app, the CLI, a second
// copy, a sync tool's TrayOTP on another machine) take turns instead of losing each other's
// changes.
//
// Why not proper-lockfile (installed): its only stale test is the lock's age (mtime, at least
// 2 s, default 10 s), so a writer killed mid-save — a crash, SIGKILL, a power cut on a laptop
// — blocks every other writer for that long, and a live writer whose event loop stalls past it
// loses its lock. Here the lock is a file holding its owner's host, pid and start time: on the
// same host a dead pid is stale at once; a live owner refreshes the file's mtime every few
// seconds, so a lock whose mtime is older than STALE_MS is stale whatever its host (pid reuse,
// a hung process, another machine on a shared folder). flock() would need a native package.
//
// Taking a stale lock over is done under a second, short-lived `.break` lock and only if the
// lock file still holds the same token, so two waiters cannot both break it and both win.
import { randomBytes } from 'node:crypto';
import { link, readFile, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { VaultBusyError, VaultFileError } from './errors';

/** How long a second writer waits for the lock before it is refused. */
export const DEFAULT_LOCK_WAIT_MS = 10_000;
/** A lock not refreshed for this long belongs to a dead or hung owner. */
export const STALE_MS = 30_000;
const HEARTBEAT_MS = 5_000;
const BREAK_STALE_MS = 5_000;

export interface LockOwner {
  host: string;
  /**
   * Linux's pid namespace of the owner: a Flatpak or container shares the host name but not the
   * pids, so a pid is only checked where the namespace is ours too.
   */
  pidNamespace?: string;
  pid: number;
  /** When the owner's process started (ms since the epoch): tells a reused pid apart in logs. */
  startedAt: number;
  token: string;
}

const PROCESS_STARTED_AT = Math.round(Date.now() - process.uptime() * 1000);
const PID_NAMESPACE = (() => {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return undefined; // not Linux: one pid space per host
  }
})();

export function lockPath(target: string): string {
  return `${target}.lock`;
}

/** Whether process `pid` on this host still runs (EPERM: it runs, as someone else). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Runs `work` holding the lock of the file `target` (already resolved through symlinks, so
 * every path to one file shares one lock). Waits up to `waitMs` for another writer, then throws
 * VaultBusyError; the lock is released however `work` ends.
 */
export async function withFileLock<T>(
  target: string,
  work: (held: Held) => Promise<T>,
  waitMs = DEFAULT_LOCK_WAIT_MS,
): Promise<T> {
  const held = await acquire(target, waitMs);
  try {
    return await work(held);
  } finally {
    await held.release();
  }
}

export interface Held {
  /** Whether the lock file still holds our token (checked right before a rename). */
  stillOurs(): Promise<boolean>;
  release(): Promise<void>;
}

async function acquire(target: string, waitMs: number): Promise<Held> {
  const path = lockPath(target);
  const owner: LockOwner = {
    host: hostname(),
    ...(PID_NAMESPACE !== undefined && { pidNamespace: PID_NAMESPACE }),
    pid: process.pid,
    startedAt: PROCESS_STARTED_AT,
    token: randomBytes(12).toString('hex'),
  };
  const deadline = Date.now() + waitMs;
  let seen: LockOwner | undefined;
  for (;;) {
    if (await tryCreate(path, owner)) return hold(path, owner);
    const current = await readLock(path);
    if (current === 'gone') continue;
    if (current.stale) {
      await breakStale(path, current.owner);
      continue;
    }
    seen = current.owner;
    if (Date.now() >= deadline) throw new VaultBusyError(waitMs, seen);
    await sleep(15 + Math.random() * 35);
  }
}

/** Creates the lock with its content in one step (write a temp, link it): never half-written. */
async function tryCreate(path: string, owner: LockOwner): Promise<boolean> {
  const temp = join(dirname(path), `.${basename(path)}.tmp-${owner.pid}-${owner.token}`);
  try {
    await writeFile(temp, JSON.stringify(owner), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    throw new VaultFileError(
      'unwritable',
      `Could not lock ${path} for writing (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); nothing was saved.`,
    );
  }
  try {
    await link(temp, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // A file system without hard links (FAT, some network shares): create it exclusively and
    // write it; a reader that catches it still empty judges it by its age alone.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS' || code === 'EOPNOTSUPP') {
      return createDirectly(path, owner);
    }
    throw new VaultFileError(
      'unwritable',
      `Could not lock ${path} for writing (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); nothing was saved.`,
    );
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

async function createDirectly(path: string, owner: LockOwner): Promise<boolean> {
  try {
    await writeFile(path, JSON.stringify(owner), { mode: 0o600, flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new VaultFileError(
      'unwritable',
      `Could not lock ${path} for writing (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); nothing was saved.`,
    );
  }
}

type LockState = 'gone' | { owner: LockOwner | undefined; stale: boolean };

async function readLock(path: string): Promise<LockState> {
  let text: string;
  let mtimeMs: number;
  try {
    [text, { mtimeMs }] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
  const owner = parseOwner(text);
  const age = Date.now() - mtimeMs;
  if (!owner) return { owner, stale: age > BREAK_STALE_MS };
  const samePids = owner.host === hostname() && owner.pidNamespace === PID_NAMESPACE;
  const deadHere = samePids && !pidAlive(owner.pid);
  return { owner, stale: deadHere || age > STALE_MS };
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (
      typeof value.host === 'string' &&
      typeof value.pid === 'number' &&
      typeof value.startedAt === 'number' &&
      typeof value.token === 'string'
    ) {
      return value as LockOwner;
    }
  } catch {
    // unreadable: judged by age alone
  }
  return undefined;
}

/** Removes a stale lock, only if it is still the one judged stale (same token, or unreadable). */
async function breakStale(path: string, stale: LockOwner | undefined): Promise<void> {
  const breaker = `${path}.break`;
  try {
    await writeFile(breaker, String(process.pid), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // Another waiter is breaking it; a breaker killed in that instant leaves this file behind.
    const since = await stat(breaker).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    if (since > BREAK_STALE_MS) await unlink(breaker).catch(() => undefined);
    await sleep(10);
    return;
  }
  try {
    const current = await readLock(path);
    if (current === 'gone' || !current.stale) return;
    if (current.owner?.token !== stale?.token) return;
    await unlink(path).catch(() => undefined);
  } finally {
    await unlink(breaker).catch(() => undefined);
  }
}

function hold(path: string, owner: LockOwner): Held {
  // The heartbeat tells other waiters this owner is alive, however long its save takes.
  const heartbeat = setInterval(() => {
    const now = new Date();
    utimes(path, now, now).catch(() => undefined);
  }, HEARTBEAT_MS);
  heartbeat.unref();
  const ours = async () =>
    parseOwner(await readFile(path, 'utf8').catch(() => ''))?.token === owner.token;
  return {
    stillOurs: ours,
    async release() {
      clearInterval(heartbeat);
      // Only our own lock: if it was broken as stale, it now belongs to someone else.
      if (await ours()) await unlink(path).catch(() => undefined);
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
