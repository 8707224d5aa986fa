// The built CLI (out/main/cli.js through bin/trayotp.js), as a person runs it after
// `npm run build`: it must never load Electron, and must read images (the bundled QR chunk once
// imported the Electron entry, so every image command ended in "internal error").
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, builtCliPath, importGraph, root, runBuilt } from './built';

const URI = 'otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example';
const dir = mkdtempSync(join(tmpdir(), 'trayotp-built-'));
const qr = join(dir, 'qr.png');

beforeAll(async () => {
  assertBuilt();
  writeFileSync(qr, await QRCode.toBuffer(URI));
});

describe('the built CLI', () => {
  it.each([builtCliPath, join(root, 'out/main/import-worker.js')])(
    '%s can reach neither electron nor the app entry (out/main/index.js) by any import',
    (entry) => {
      const { files, packages } = importGraph(entry);
      expect(files.size).toBeGreaterThan(1);
      expect([...packages].filter((name) => name.startsWith('electron'))).toEqual([]);
      expect(files).not.toContain(join(root, 'out/main/index.js'));
    },
  );

  it('reads a QR picture in the reading worker (import-preview of an image)', async () => {
    const run = await runBuilt(['import-preview', qr, '--json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    // A plain otpauth:// QR code, not a Google Authenticator export (it was labelled one).
    expect(JSON.parse(run.stdout)).toMatchObject({
      format: 'otpauth',
      entries: [{ name: 'alice' }],
    });
  });

  it('ends quietly when its reader closes the pipe early (trayotp … | head -c 10)', async () => {
    const links = join(dir, 'many-links.txt');
    writeFileSync(
      links,
      `${'otpauth://totp/x?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\n'.repeat(15_000)}`,
    );
    const child = spawn(
      process.execPath,
      [join(root, 'bin/trayotp.js'), 'code', '--uri-file', links],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const status = await new Promise<number | null>((done) => child.on('close', done));
    expect(stderr).toBe('');
    expect(status).toBe(0);
  });

  it('scan reads a PNG', async () => {
    expect(await runBuilt(['scan', qr])).toEqual({
      status: 0,
      stdout: `${qr}\t${URI}\n`,
      stderr: '',
    });
  });

  it('import-preview reads a QR image', async () => {
    const run = await runBuilt(['import-preview', qr]);
    expect(run).toMatchObject({ status: 0, stderr: '' });
    expect(run.stdout).toContain('Example\talice\ttotp\n');
  });
});

/** The npm packages a built CLI run loads (through a recorder preloaded with --import). */
async function packagesLoaded(args: string[]): Promise<string[]> {
  const log = join(dir, `loads-${args[0]}.txt`);
  const run = await runBuilt(args, {
    nodeArgs: ['--import', join(root, 'tests/unit/cli/load-recorder.mjs')],
    env: { TRAYOTP_LOAD_LOG: log },
  });
  expect(run).toMatchObject({ status: 0, stderr: '' });
  const names = readFileSync(log, 'utf8')
    .split('\n')
    .flatMap((url) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? []);
  return [...new Set(names)].sort();
}

describe('what the built CLI loads (start-up cost: npm run bench:cli)', () => {
  // Only the OTP library: no image decoder (sharp, zxing-wasm), no SQLite (sql.js), no
  // libsodium, no QR writer, no zip reader, no passphrase estimator.
  it.each([
    ['code', ['code', 'otpauth://totp/x?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ']],
    ['parse', ['parse', URI]],
  ])('%s loads no package but otpauth', async (_name, args) => {
    expect(await packagesLoaded(args)).toEqual(['otpauth']);
  });
});
