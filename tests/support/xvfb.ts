// A private X server for the real-OS tests: Xvfb on a display number it picks itself
// (-displayfd), so suites running side by side never collide, and the environment a browser
// needs to draw on it (never a Wayland session the tests happen to run in).
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface XServer {
  process: ChildProcess;
  /** The display name, e.g. ":7". */
  display: string;
  stop(): void;
}

export function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(':').some((dir) => dir && existsSync(`${dir}/${command}`));
}

/** Why an X11 test cannot run here, or undefined when Xvfb is available. */
export function whyNoXvfb(): string | undefined {
  if (process.platform !== 'linux') return 'X11 tests run on Linux only';
  if (!onPath('Xvfb')) return 'Xvfb is not installed (apt-get install xvfb)';
  return undefined;
}

export async function startXvfb(size = '1920x1080x24'): Promise<XServer> {
  const xvfb = spawn('Xvfb', ['-displayfd', '1', '-screen', '0', size, '-nolisten', 'tcp'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let output = '';
  xvfb.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (xvfb.exitCode !== null) throw new Error(`Xvfb exited with status ${xvfb.exitCode}`);
    const number = output.trim();
    if (number && existsSync(`/tmp/.X11-unix/X${number}`)) {
      return { process: xvfb, display: `:${number}`, stop: () => xvfb.kill() };
    }
    if (Date.now() > deadline) {
      xvfb.kill();
      throw new Error('Xvfb did not start within 10 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** This process's environment pointed at `display`, without WAYLAND_DISPLAY. */
export function x11Env(display: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && key !== 'WAYLAND_DISPLAY') env[key] = value;
  }
  env.DISPLAY = display;
  return env;
}

/** Polls `read` until `ok` holds or `ms` pass; returns the last value read. */
export async function waitFor<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  ms = 10_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  let value = await read();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}
