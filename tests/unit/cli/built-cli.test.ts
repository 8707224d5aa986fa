// The built CLI (out/main/cli.js through bin/trayotp.js), as a person runs it after
// `npm run build`: it must never load Electron, and must read images (the bundled QR chunk once
// imported the Electron entry, so every image command ended in "internal error").
import { mkdtempSync, writeFileSync } from 'node:fs';
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
  it('can reach neither electron nor the app entry (out/main/index.js) by any import', () => {
    const { files, packages } = importGraph(builtCliPath);
    expect(files.size).toBeGreaterThan(1);
    expect([...packages].filter((name) => name.startsWith('electron'))).toEqual([]);
    expect(files).not.toContain(join(root, 'out/main/index.js'));
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
