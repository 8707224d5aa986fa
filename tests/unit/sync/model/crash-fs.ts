// A crash in the middle of a write to the sync folder, for the sync model test. main/sync writes
// every file the same way (folder-write.ts writeAtomic): open a dot-named temp file ('wx'), write
// the bytes, fsync, close, rename over the real name, fsync the folder; it removes its own files
// with unlink (compaction, invitations over). A test file installs these wrappers with
//   vi.mock('node:fs/promises', async (original) => crashingFs(await original()))
// and World.round arms one crash: the `at`-th write or removal of the round, under the crashing
// computer's folder copy, stops the way a power cut or a killed process leaves it:
// - 'temp-empty': the temp file was made, nothing written in it;
// - 'temp-half': half the bytes reached the temp file;
// - 'before-rename': the temp file is complete, the rename never happened;
// - 'torn': the rename happened but the file's tail was lost (a file system that does not keep
//   a rename after the data it names: FAT/exFAT drives, some network shares), half a file under
//   its real name;
// - 'after-rename': the file is in place, the process died before anything else.
// A removal crashes before it happens. After the crash every wrapped call under that folder fails
// (the process is gone: no clean-up runs), until World.round disarms the plan.

import type * as FsPromises from 'node:fs/promises';
import { join } from 'node:path';

export const CRASH_MODES = [
  'temp-empty',
  'temp-half',
  'before-rename',
  'torn',
  'after-rename',
] as const;
export type CrashMode = (typeof CRASH_MODES)[number];

export interface CrashPlan {
  /** Only paths under this folder crash (the crashing computer's copy). */
  folder: string;
  /** Which write or removal of the round crashes (0: the first). */
  at: number;
  mode: CrashMode;
  /** Writes and removals seen so far. */
  seen: number;
  crashed: boolean;
}

/** The plan World.round arms; undefined: every call goes through untouched. */
export const crash: { plan: CrashPlan | undefined } = { plan: undefined };

export class ModelCrash extends Error {
  constructor(what: string) {
    super(`model: the computer crashed ${what}`);
  }
}

type Fs = typeof FsPromises;

/** The temp files in `dir` get an older modification time (the restart comes later). */
export async function ageTemps(dir: string, ms: number): Promise<void> {
  const fs = (await import('node:fs/promises')) as Fs;
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const then = new Date(Date.now() - ms);
  for (const name of names)
    if (name.startsWith('.trayotp-tmp-')) await fs.utimes(join(dir, name), then, then);
}
type Handle = Awaited<ReturnType<Fs['open']>>;

function under(path: unknown): CrashPlan | undefined {
  const plan = crash.plan;
  return plan && typeof path === 'string' && path.startsWith(plan.folder) ? plan : undefined;
}

function dead(plan: CrashPlan | undefined): void {
  if (plan?.crashed) throw new ModelCrash('(the process is gone)');
}

/** This call is the one that crashes. */
function due(plan: CrashPlan): boolean {
  return plan.seen++ === plan.at;
}

export function crashingFs(real: Fs): Fs {
  /** Temp files being written, to the mode they crash with once renamed or written. */
  const temps = new Map<string, CrashMode>();

  const open = (async (path: string, flags?: string | number, mode?: number) => {
    const plan = under(path);
    dead(plan);
    const handle = await real.open(path, flags, mode);
    if (!plan || flags !== 'wx' || !/\/\.trayotp-tmp-[^/]*$/.test(path)) return handle;
    if (due(plan)) temps.set(path, plan.mode);
    const crashing = temps.get(path);
    if (crashing === 'temp-empty') {
      await handle.close();
      plan.crashed = true;
      throw new ModelCrash('after making a temp file');
    }
    if (crashing !== 'temp-half') return handle;
    // A handle whose write gets half-way.
    return new Proxy(handle, {
      get(target, key, receiver) {
        if (key === 'writeFile')
          return async (bytes: Uint8Array) => {
            await target.writeFile(bytes.subarray(0, Math.floor(bytes.length / 2)));
            plan.crashed = true;
            throw new ModelCrash('half-way through writing a temp file');
          };
        const value = Reflect.get(target, key, receiver) as unknown;
        return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
      },
    }) as Handle;
  }) as Fs['open'];

  const rename = (async (from: string, to: string) => {
    const plan = under(from);
    dead(plan);
    const crashing = temps.get(from);
    temps.delete(from);
    if (!plan || crashing === undefined) return real.rename(from, to);
    if (crashing === 'before-rename') {
      plan.crashed = true;
      throw new ModelCrash('before renaming a temp file into place');
    }
    await real.rename(from, to);
    if (crashing === 'torn') {
      const bytes = await real.readFile(to);
      await real.writeFile(to, bytes.subarray(0, Math.floor(bytes.length / 2)));
    }
    plan.crashed = true;
    throw new ModelCrash(crashing === 'torn' ? 'and the file was torn' : 'after a rename');
  }) as Fs['rename'];

  const unlink = (async (path: string) => {
    const plan = under(path);
    dead(plan);
    if (plan && due(plan)) {
      plan.crashed = true;
      throw new ModelCrash('before removing a file');
    }
    return real.unlink(path);
  }) as Fs['unlink'];

  const guarded = <K extends 'mkdir' | 'lstat' | 'readdir' | 'stat' | 'opendir'>(name: K): Fs[K] =>
    ((path: string, ...rest: unknown[]) => {
      dead(under(path));
      return (real[name] as (...args: unknown[]) => unknown)(path, ...rest);
    }) as Fs[K];

  return {
    ...real,
    open,
    rename,
    unlink,
    mkdir: guarded('mkdir'),
    lstat: guarded('lstat'),
    readdir: guarded('readdir'),
    stat: guarded('stat'),
    opendir: guarded('opendir'),
  };
}
