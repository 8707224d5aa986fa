// `npm start` (scripts/start.js): Electron's binary is found the way the electron package finds
// it (require('electron') downloads it the first time), and where the download fails the person
// gets one sentence with the real fixes. Offline here means a mirror on a closed loopback port and
// an empty download cache, so the download is really attempted and really fails.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { start } from '../../../scripts/start.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
// Where Electron's binary was downloaded already, no download is attempted, so the offline
// behaviour cannot be seen (and start() would launch the real app).
const electronInstalled = existsSync(join(root, 'node_modules/electron/path.txt'));

/** A loopback port where nothing listens (one that was just closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no server address');
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return address.port;
}

function offlineEnv(port: number): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  delete env.ELECTRON_OVERRIDE_DIST_PATH;
  return {
    ...env,
    ELECTRON_MIRROR: `http://127.0.0.1:${port}/`,
    electron_config_cache: mkdtempSync(join(tmpdir(), 'trayotp-electron-cache-')),
  };
}

function runStart(env: NodeJS.ProcessEnv, ms: number) {
  return new Promise<{ status: number | null; stdout: string; stderr: string; ms: number }>(
    (resolve, reject) => {
      const started = Date.now();
      const child = spawn(process.execPath, ['scripts/start.js'], { cwd: root, env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`npm start did not finish within ${ms} ms: ${stdout}${stderr}`));
      }, ms);
      child.on('close', (status) => {
        clearTimeout(timer);
        resolve({ status, stdout, stderr, ms: Date.now() - started });
      });
    },
  );
}

describe('npm start (scripts/start.js)', () => {
  it.skipIf(electronInstalled)(
    "offline: tries Electron's download, then prints one sentence with the fixes and fails",
    async () => {
      const port = await closedPort();
      const env = offlineEnv(port);
      const result = await runStart(env, 30_000);
      // The electron package's own loader ran and tried the download…
      expect(result.stdout).toContain('Downloading Electron binary');
      expect(result.status).not.toBe(0);
      // …and all the person sees on stderr is one sentence naming what failed and every fix.
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      const sentence = lines[0]!;
      expect(sentence).toMatch(
        /^TrayOTP cannot start: Electron's binary could not be downloaded \(/,
      );
      expect(sentence).toContain(`asking 127.0.0.1:${port}`);
      expect(sentence).toContain('ELECTRON_MIRROR');
      expect(sentence).toContain(`Electron's download cache (${env.electron_config_cache})`);
      expect(sentence).toContain('ELECTRON_OVERRIDE_DIST_PATH');
      expect(sentence).not.toMatch(/path\.txt|install\.js|at getElectronPath/);
    },
    40_000,
  );

  it('runs the executable ELECTRON_OVERRIDE_DIST_PATH points at, on the project, after the build', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'trayotp-fake-electron-'));
    const executable = join(dist, 'electron');
    writeFileSync(executable, `#!/bin/sh\nprintf '%s\\n' "$PWD" "$@" > "${dist}/args"\nexit 7\n`);
    chmodSync(executable, 0o755);
    const order: string[] = [];
    const status = await start({
      env: { ...offlineEnv(await closedPort()), ELECTRON_OVERRIDE_DIST_PATH: dist },
      build: () => {
        order.push('build');
        return 0;
      },
      log: (line) => order.push(line),
    });
    const [cwd, ...args] = readFileSync(join(dist, 'args'), 'utf8').trim().split('\n');
    expect(order).toEqual(['build']);
    expect(args).toEqual(['.']);
    expect(cwd).toBe(root.replace(/\/$/, ''));
    // The app's exit status is npm start's.
    expect(status).toBe(7);
  });

  it.skipIf(electronInstalled)(
    'with ELECTRON_SKIP_BINARY_DOWNLOAD (CI) it does not try the download, and says so',
    async () => {
      const env = { ...offlineEnv(await closedPort()), ELECTRON_SKIP_BINARY_DOWNLOAD: '1' };
      const lines: string[] = [];
      const status = await start({ env, build: () => 0, log: (line) => lines.push(line) });
      expect(status).toBe(1);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('ELECTRON_SKIP_BINARY_DOWNLOAD is set, so it was not tried');
      expect(lines[0]).toContain('ELECTRON_OVERRIDE_DIST_PATH');
    },
  );

  it('does not build or run anything when the build fails', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'trayotp-fake-electron-'));
    writeFileSync(join(dist, 'electron'), `#!/bin/sh\ntouch "${dist}/ran"\n`);
    chmodSync(join(dist, 'electron'), 0o755);
    const status = await start({
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: dist },
      build: () => 2,
      log: () => undefined,
    });
    expect(status).toBe(2);
    expect(() => readFileSync(join(dist, 'ran'))).toThrow();
  });
});
