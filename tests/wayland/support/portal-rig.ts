// The real-portal rig: a private session bus (dbus-daemon with a test config whose only service
// dir is a temp folder), Debian's real xdg-desktop-portal frontend on it, the permission store
// it uses (activated from that folder), and the test backend (test-backend.ts) that the frontend
// finds through a .portal file for XDG_CURRENT_DESKTOP=trayotp-test (and portals.conf, which
// frontends from 1.18 read instead).
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BACKEND_INTERFACES, BACKEND_NAME, startTestBackend } from './test-backend';
import type { TestBackend } from './test-backend';
import { connectPortalBus } from '../../../main/platform/wayland/portal-bus';

export const DBUS_DAEMON = '/usr/bin/dbus-daemon';
/**
 * Debian's frontend; TRAYOTP_PORTAL_FRONTEND runs the same tests under another build (e.g. a
 * 1.18 one, whose RemoteDesktop is version 2 and hands out restore tokens).
 */
export const PORTAL_FRONTEND =
  process.env.TRAYOTP_PORTAL_FRONTEND ?? '/usr/libexec/xdg-desktop-portal';
export const PERMISSION_STORE = '/usr/libexec/xdg-permission-store';

/** Why the rig cannot run here, or undefined. */
export function rigMissing(): string | undefined {
  if (process.platform !== 'linux') return 'the portal tests run on Linux only';
  for (const file of [DBUS_DAEMON, PORTAL_FRONTEND, PERMISSION_STORE]) {
    if (!existsSync(file)) return `${file} is missing (packages: dbus-daemon xdg-desktop-portal)`;
  }
  return undefined;
}

/** The frontend's version ("1.16.0"), from `--version`. */
export function frontendVersion(): string {
  const out = spawnSync(PORTAL_FRONTEND, ['--version'], { encoding: 'utf8', timeout: 5000 });
  return (out.stdout ?? '').trim().replace(/^xdg-desktop-portal\s*/, '');
}

export interface Bus {
  address: string;
  dir: string;
  stop(): Promise<void>;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function busConfig(socketDir: string, serviceDir: string): string {
  return `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=${socketDir}</listen>
  <servicedir>${serviceDir}</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`;
}

/** A private session bus; `withStore` adds the permission store as an activatable service. */
export async function startBus(withStore: boolean): Promise<Bus> {
  const dir = await mkdtemp(join(tmpdir(), 'trayotp-portal-'));
  const services = join(dir, 'services');
  await mkdir(services);
  await mkdir(join(dir, 'data'));
  if (withStore) {
    await writeFile(
      join(services, 'org.freedesktop.impl.portal.PermissionStore.service'),
      `[D-BUS Service]\nName=org.freedesktop.impl.portal.PermissionStore\nExec=${PERMISSION_STORE}\n`,
    );
  }
  const config = join(dir, 'bus.conf');
  await writeFile(config, busConfig(dir, services));
  const daemon = spawn(DBUS_DAEMON, [`--config-file=${config}`, '--nofork', '--print-address=1'], {
    // Activated services (the permission store) inherit this environment: their files stay here.
    env: { ...isolatedEnv(dir), PATH: process.env.PATH ?? '/usr/bin:/bin' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const address = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(
      () => reject(new Error(`dbus-daemon gave no address: ${err}`)),
      10_000,
    );
    daemon.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) {
        clearTimeout(timer);
        resolve(line.trim());
      }
    });
    daemon.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    daemon.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`dbus-daemon exited (${code}): ${err}`));
    });
  });
  return {
    address,
    dir,
    async stop() {
      await stopChild(daemon);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** XDG folders inside the rig's folder, so nothing of the person's desktop is read or written. */
function isolatedEnv(dir: string): NodeJS.ProcessEnv {
  return {
    HOME: dir,
    XDG_DATA_HOME: join(dir, 'data'),
    XDG_CONFIG_HOME: join(dir, 'config'),
    XDG_CACHE_HOME: join(dir, 'cache'),
    XDG_RUNTIME_DIR: dir,
    XDG_DATA_DIRS: join(dir, 'share'),
    XDG_CONFIG_DIRS: join(dir, 'etc'),
    XDG_CURRENT_DESKTOP: 'trayotp-test',
    XDG_DESKTOP_PORTAL_DIR: join(dir, 'portals'),
    GIO_USE_VFS: 'local',
    GSETTINGS_BACKEND: 'memory',
    // XDG_DATA_DIRS hides /usr/share; frontends from 1.17 read GSettings and need the schemas.
    GSETTINGS_SCHEMA_DIR: '/usr/share/glib-2.0/schemas',
  };
}

export interface Rig {
  address: string;
  backend: TestBackend;
  /** The frontend's log (stderr, with -v), for a failure's message. */
  log(): string;
  stop(): Promise<void>;
}

async function waitForName(address: string, name: string, timeoutMs: number): Promise<void> {
  const bus = await connectPortalBus(address, 5000);
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [has] = await bus.call(
        'org.freedesktop.DBus',
        '/org/freedesktop/DBus',
        'org.freedesktop.DBus',
        'NameHasOwner',
        's',
        [name],
        5000,
      );
      if (has === true) return;
      if (Date.now() > deadline) throw new Error(`${name} did not appear within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } finally {
    bus.disconnect();
  }
}

/** Bus, test backend, then the real frontend (which reads the backend's properties at start). */
export async function startRig(): Promise<Rig> {
  const bus = await startBus(true);
  const portals = join(bus.dir, 'portals');
  await mkdir(portals);
  await writeFile(
    join(portals, 'trayotptest.portal'),
    `[portal]\nDBusName=${BACKEND_NAME}\nInterfaces=${BACKEND_INTERFACES.join(';')};\nUseIn=trayotp-test\n`,
  );
  await mkdir(join(bus.dir, 'config', 'xdg-desktop-portal'), { recursive: true });
  await writeFile(
    join(bus.dir, 'config', 'xdg-desktop-portal', 'trayotp-test-portals.conf'),
    '[preferred]\ndefault=trayotptest\n',
  );
  const backend = await startTestBackend(bus.address, join(bus.dir, 'screenshots'));
  let log = '';
  const frontend = spawn(PORTAL_FRONTEND, ['--verbose'], {
    env: {
      ...isolatedEnv(bus.dir),
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      DBUS_SESSION_BUS_ADDRESS: bus.address,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  frontend.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
  frontend.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const stop = async () => {
    await stopChild(frontend);
    backend.bus.disconnect();
    await bus.stop();
  };
  try {
    await waitForName(bus.address, 'org.freedesktop.portal.Desktop', 15_000);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}; frontend log:\n${log}`, { cause: error });
  }
  return { address: bus.address, backend, log: () => log, stop };
}
