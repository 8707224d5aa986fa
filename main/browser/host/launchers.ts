// The program a host manifest points at. Browsers start it with no arguments of ours, so it is a
// small launcher that runs TrayOTP's own binary as the relay; nobody needs Node installed.
//
// Why the binary's host mode and not ELECTRON_RUN_AS_NODE: the packaged app turns the RunAsNode
// fuse off (electron-builder.yml: any program could otherwise run our signed binary as Node,
// with its entitlements), so in a packaged build ELECTRON_RUN_AS_NODE is ignored. Instead the
// launcher passes --trayotp-browser-host, and main/index.ts, seeing it before anything else,
// runs hostMain() and nothing of the app (no window, no single-instance lock). In development
// (`npm start`, fuse on) and in tests, Node (Electron as Node) runs extension/dist/host/host.cjs.
//
// Linux, macOS: a POSIX sh script (always present; `exec` keeps the browser's pipes and pid).
// Windows: a .cmd file; Chrome and Firefox start .cmd/.bat hosts through cmd.exe, and the pipes
// they pass are inherited by TrayOTP.exe (a GUI-subsystem program, but stdio handles given to
// it work). Untested here: no Windows machine.
export const HOST_FLAG = '--trayotp-browser-host';

export interface LauncherTarget {
  /** Absolute path of the program to run (TrayOTP's binary, or node). */
  executable: string;
  /** Arguments before the browser's own (e.g. [HOST_FLAG], or [path to host.cjs]). */
  args: readonly string[];
  /** Extra environment (e.g. ELECTRON_RUN_AS_NODE=1 in development). */
  env?: Readonly<Record<string, string>>;
}

const shQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const cmdQuote = (s: string) => `"${s.replace(/"/g, '""')}"`;

export function launcherFileName(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'trayotp-browser-host.cmd' : 'trayotp-browser-host';
}

export function launcherScript(platform: NodeJS.Platform, target: LauncherTarget): string {
  const env = Object.entries(target.env ?? {});
  if (platform === 'win32') {
    return [
      '@echo off',
      ...env.map(([k, v]) => `set "${k}=${v}"`),
      `${[target.executable, ...target.args].map(cmdQuote).join(' ')} %*`,
      '',
    ].join('\r\n');
  }
  return [
    '#!/bin/sh',
    '# TrayOTP native-messaging host launcher (written by TrayOTP; removed with its manifests).',
    ...env.map(([k, v]) => `export ${k}=${shQuote(v)}`),
    `exec ${[target.executable, ...target.args].map(shQuote).join(' ')} "$@"`,
    '',
  ].join('\n');
}
