// Real Syncthing daemons for the sync suite (Debian's `syncthing`): each with its own home on
// 127.0.0.1, static addresses, and nothing that reaches outside the machine (global and local
// discovery, relays, NAT traversal, usage reports, crash reports and upgrades off). The config
// is written whole; `syncthing generate` makes the certificate that is the device's identity.
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const SYNCTHING = '/usr/bin/syncthing';
const FOLDER_ID = 'trayotp-test';

export interface Daemon {
  name: string;
  id: string;
  home: string;
  /** The folder Syncthing keeps in step: the TrayOTP sync folder of this "computer". */
  folder: string;
  listenPort: number;
  guiPort: number;
  apiKey: string;
  process: ChildProcess | undefined;
  log: string[];
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function makeDaemon(name: string): Promise<Daemon> {
  const home = await mkdtemp(join(tmpdir(), `trayotp-syncthing-${name}-`));
  const folder = join(home, 'Sync');
  await mkdir(join(folder, '.stfolder'), { recursive: true });
  const { stdout, stderr } = await run(
    SYNCTHING,
    ['generate', `--home=${join(home, 'config')}`, '--no-default-folder', '--skip-port-probing'],
    {
      env: quietEnv(),
    },
  );
  const id = /Device ID: ([A-Z0-9-]+)/.exec(`${stdout}\n${stderr}`)?.[1];
  if (!id) throw new Error(`syncthing generate printed no device id: ${stdout}`);
  return {
    name,
    id,
    home,
    folder,
    listenPort: await freePort(),
    guiPort: await freePort(),
    apiKey: `trayotp-test-${name}-${Math.random().toString(36).slice(2)}`,
    process: undefined,
    log: [],
  };
}

function quietEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    STNOUPGRADE: '1',
    STNODEFAULTFOLDER: '1',
    STNORESTART: '1',
    HOME: process.env.HOME ?? tmpdir(),
  };
}

/** Writes the daemon's config: itself and `peers`, one shared folder, nothing outside 127.0.0.1. */
export async function configure(daemon: Daemon, peers: Daemon[]): Promise<void> {
  const all = [daemon, ...peers];
  const device = (d: Daemon) =>
    `  <device id="${d.id}" name="${d.name}" compression="metadata" introducer="false">\n    <address>tcp://127.0.0.1:${d.listenPort}</address>\n    <paused>false</paused>\n    <autoAcceptFolders>false</autoAcceptFolders>\n  </device>`;
  const xml = `<configuration version="36">
  <folder id="${FOLDER_ID}" label="TrayOTP test" path="${daemon.folder}" type="sendreceive" rescanIntervalS="2" fsWatcherEnabled="true" fsWatcherDelayS="1" ignorePerms="false" autoNormalize="true">
    <filesystemType>basic</filesystemType>
${all.map((d) => `    <device id="${d.id}" introducedBy=""></device>`).join('\n')}
    <minDiskFree unit="%">0</minDiskFree>
    <maxConflicts>10</maxConflicts>
    <markerName>.stfolder</markerName>
    <paused>false</paused>
  </folder>
${all.map(device).join('\n')}
  <gui enabled="true" tls="false" debugging="false">
    <address>127.0.0.1:${daemon.guiPort}</address>
    <apikey>${daemon.apiKey}</apikey>
  </gui>
  <options>
    <listenAddress>tcp://127.0.0.1:${daemon.listenPort}</listenAddress>
    <globalAnnounceEnabled>false</globalAnnounceEnabled>
    <localAnnounceEnabled>false</localAnnounceEnabled>
    <relaysEnabled>false</relaysEnabled>
    <natEnabled>false</natEnabled>
    <startBrowser>false</startBrowser>
    <urAccepted>-1</urAccepted>
    <urInitialDelayS>86400</urInitialDelayS>
    <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
    <crashReportingEnabled>false</crashReportingEnabled>
    <reconnectionIntervalS>1</reconnectionIntervalS>
    <setLowPriority>false</setLowPriority>
    <stunServer></stunServer>
  </options>
</configuration>
`;
  await writeFile(join(daemon.home, 'config', 'config.xml'), xml);
}

export async function startDaemon(daemon: Daemon): Promise<void> {
  const child = spawn(
    SYNCTHING,
    [
      'serve',
      `--home=${join(daemon.home, 'config')}`,
      '--no-browser',
      '--no-restart',
      '--no-upgrade',
      '--logflags=0',
    ],
    { env: quietEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  daemon.process = child;
  const keep = (chunk: Buffer) => {
    daemon.log.push(...chunk.toString().split('\n').filter(Boolean));
    if (daemon.log.length > 400) daemon.log.splice(0, daemon.log.length - 400);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  await waitFor(
    `${daemon.name}'s REST API`,
    async () =>
      (await api(daemon, 'GET', '/rest/system/ping').catch(() => undefined)) !== undefined,
    60_000,
  );
}

export async function stopDaemon(daemon: Daemon): Promise<void> {
  const child = daemon.process;
  daemon.process = undefined;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export async function removeDaemon(daemon: Daemon): Promise<void> {
  await stopDaemon(daemon);
  await rm(daemon.home, { recursive: true, force: true });
}

export async function api(daemon: Daemon, method: 'GET' | 'POST', path: string): Promise<unknown> {
  const response = await fetch(`http://127.0.0.1:${daemon.guiPort}${path}`, {
    method,
    headers: { 'X-API-Key': daemon.apiKey },
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
  const text = await response.text();
  return text ? (JSON.parse(text) as unknown) : null;
}

/** Takes `peer` offline for `daemon` (both directions are paused by the caller). */
export async function pauseDevice(daemon: Daemon, peer: Daemon): Promise<void> {
  await api(daemon, 'POST', `/rest/system/pause?device=${peer.id}`);
}

export async function resumeDevice(daemon: Daemon, peer: Daemon): Promise<void> {
  await api(daemon, 'POST', `/rest/system/resume?device=${peer.id}`);
}

export async function connected(daemon: Daemon, peer: Daemon): Promise<boolean> {
  const connections = (await api(daemon, 'GET', '/rest/system/connections')) as {
    connections: Record<string, { connected: boolean }>;
  };
  return connections.connections[peer.id]?.connected === true;
}

/** Asks Syncthing to look at the folder now rather than at its next watch event. */
export async function rescan(daemon: Daemon): Promise<void> {
  await api(daemon, 'POST', `/rest/db/scan?folder=${FOLDER_ID}`).catch(() => undefined);
}

export async function waitFor(
  what: string,
  condition: () => Promise<boolean> | boolean,
  timeoutMs = 60_000,
): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await condition()) return Date.now() - started;
    if (Date.now() - started > timeoutMs)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Makes `names.length` daemons that all share the test folder and waits until each is connected
 * to every other. On a loaded machine a daemon now and then never connects (a port taken
 * between choosing it and the daemon binding it, a dial lost at start): such a set is removed
 * and made again with fresh ports, up to `attempts` times, so a test waits for Syncthing, not
 * for luck.
 */
export async function connectedDaemons(
  names: string[],
  options: { perAttemptMs?: number; attempts?: number } = {},
): Promise<Daemon[]> {
  const attempts = options.attempts ?? 3;
  for (let attempt = 1; ; attempt++) {
    const daemons = await Promise.all(names.map((name) => makeDaemon(name)));
    for (const d of daemons)
      await configure(
        d,
        daemons.filter((p) => p !== d),
      );
    await Promise.all(daemons.map((d) => startDaemon(d)));
    try {
      await waitFor(
        `the ${names.length} daemons to connect`,
        async () => {
          for (const x of daemons)
            for (const y of daemons) if (x !== y && !(await connected(x, y))) return false;
          return true;
        },
        options.perAttemptMs ?? 45_000,
      );
      return daemons;
    } catch (error) {
      await Promise.all(daemons.map((d) => removeDaemon(d)));
      if (attempt >= attempts) throw error;
    }
  }
}
