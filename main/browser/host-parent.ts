// The browser a native host belongs to (issue 23, R1): the browser starts the host (through
// TrayOTP's launcher, which `exec`s it, so the host's parent is the browser's own process). Its
// executable is kept with the pairing, so the hotkey knows that browser's windows by process even
// when the browser is not one TrayOTP knows by name (a Chromium fork). Linux only, from /proc;
// elsewhere nothing is recorded and the well-known browsers' names stand alone.
import { readFileSync, readlinkSync } from 'node:fs';

/** The executable of `pid`'s parent process, or undefined when it cannot be read. */
export function hostParentExecutable(
  pid: number,
  platform: NodeJS.Platform = process.platform,
  proc = '/proc',
): string | undefined {
  if (platform !== 'linux' || !Number.isInteger(pid) || pid <= 1) return undefined;
  try {
    // "PPid:\t1234" in a small text file the kernel writes; bounded by what it holds.
    const status = readFileSync(`${proc}/${pid}/status`, 'utf8').slice(0, 8192);
    const parent = Number(/^PPid:\s*(\d+)$/m.exec(status)?.[1]);
    if (!Number.isInteger(parent) || parent <= 1) return undefined;
    const executable = readlinkSync(`${proc}/${parent}/exe`);
    return executable.length > 0 && executable.length <= 4096 ? executable : undefined;
  } catch {
    return undefined;
  }
}
