// trayotp scan IMAGE... [--json]: in-process through runCli on PNG, JPEG and WebP files, every bad
// input with its one-line error, and once through the built launcher where `npm run build` ran.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderFrame } from '../../support/qr-frame';
import { testdataPath } from '../../support/testdata';
import { runCapturing } from '../../support/cli';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const key = 'otpauth://totp/ACME:jane%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME';
const wifi = 'WIFI:T:WPA;S:Guest;P:welcome;;';
const dir = mkdtempSync(join(tmpdir(), 'trayotp-scan-'));
const path = (name: string) => join(dir, name);

const cli = (...argv: string[]) => runCapturing(argv, { now: 0 });

beforeAll(async () => {
  const frame = renderFrame({
    width: 700,
    height: 400,
    codes: [
      { text: key, x: 40, y: 40, module: 5 },
      { text: wifi, x: 420, y: 60, module: 6 },
    ],
  });
  const image = sharp(frame.data, { raw: { width: 700, height: 400, channels: 4 } });
  writeFileSync(path('two.png'), await image.clone().png().toBuffer());
  writeFileSync(path('two.jpg'), await image.clone().jpeg({ quality: 80 }).toBuffer());
  writeFileSync(path('two.webp'), await image.clone().webp({ quality: 80 }).toBuffer());
  writeFileSync(path('two.gif'), await image.clone().gif().toBuffer());
  const blank = renderFrame({ width: 200, height: 100, codes: [] });
  writeFileSync(
    path('blank.png'),
    await sharp(blank.data, { raw: { width: 200, height: 100, channels: 4 } })
      .png()
      .toBuffer(),
  );
  writeFileSync(path('notes.txt'), 'not an image');
  // A BMP header: an image, but not a format TrayOTP reads.
  writeFileSync(path('two.bmp'), Buffer.from([0x42, 0x4d, 0x36, 0, 0, 0, 0, 0, 0, 0]));
  writeFileSync(path('cut.png'), readFileSync(path('two.png')).subarray(0, 400));
});

describe('trayotp scan', () => {
  it.each(['two.png', 'two.jpg', 'two.webp', 'two.gif'])(
    'reads %s: every text, the key picked',
    async (name) => {
      const { status, stdout, stderr } = await cli('scan', path(name), '--json');
      expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
      const [report] = JSON.parse(stdout);
      expect(report.file).toBe(path(name));
      expect(new Set(report.texts)).toEqual(new Set([key, wifi]));
      expect(report.otpauth).toEqual([key]);
      expect(report.decodeMs).toBeGreaterThan(0);
    },
  );

  it('reports each of several files, in order; plain output is one text a line', async () => {
    const json = JSON.parse(
      (await cli('scan', path('blank.png'), path('two.png'), '--json')).stdout,
    );
    expect(json.map((r: { file: string }) => r.file)).toEqual([path('blank.png'), path('two.png')]);
    expect(json[0]).toMatchObject({ texts: [], otpauth: [] });
    const plain = await cli('scan', path('blank.png'), path('two.png'));
    expect(plain.stdout.split('\n').sort()).toEqual(
      [
        '',
        `${path('blank.png')}\t(no QR code)`,
        `${path('two.png')}\t${key}`,
        `${path('two.png')}\t${wifi}`,
      ].sort(),
    );
  });

  it.each([
    [[], 'trayotp: give at least one image file; usage: trayotp scan IMAGE... [--json]'],
    [['missing.png'], `trayotp: cannot read missing.png: no such file`],
    [
      ['two.bmp'],
      `trayotp: {two.bmp}: The file is not an image TrayOTP can read; it reads PNG, JPEG, WebP, GIF, TIFF, AVIF and SVG files.`,
    ],
    [
      ['notes.txt'],
      `trayotp: {notes.txt}: The file is not an image TrayOTP can read; it reads PNG, JPEG, WebP, GIF, TIFF, AVIF and SVG files.`,
    ],
    [
      ['--png', 'two.png'],
      `trayotp: Unknown option '--png'; usage: trayotp scan IMAGE... [--json]`,
    ],
  ])('%j → exit 2, one line', async (names, message) => {
    const args = names.map((n) => (n.startsWith('-') || n === 'missing.png' ? n : path(n)));
    const expected = message.replace(/\{([^}]+)\}/, (_, name: string) => path(name));
    expect(await cli('scan', ...args)).toEqual({ status: 2, stdout: '', stderr: `${expected}\n` });
  });

  it('a damaged PNG → exit 2 with the reason', async () => {
    const { status, stderr } = await cli('scan', path('cut.png'));
    expect(status).toBe(2);
    expect(stderr).toMatch(
      /^trayotp: .*cut\.png: The PNG file is damaged and cannot be decoded \(.+\)\.\n$/,
    );
  });
});

describe('trayotp scan on the shared screenshots (testdata/qr)', () => {
  it('finds the key URI in a JPEG and a 7680×2160 PNG', async () => {
    const truth = JSON.parse(readFileSync(testdataPath('qr/truth.json'), 'utf8'));
    const files = ['s008_1920x1080_light_totp.jpg', 's021_7680x2160_logo_totp.png'];
    const { stdout } = await cli('scan', ...files.map((f) => testdataPath(`qr/${f}`)), '--json');
    const reports = JSON.parse(stdout);
    files.forEach((f, i) => expect(reports[i].otpauth).toEqual(truth[f].expect));
  });
});

const launcher = join(root, 'bin/trayotp.js');
describe.skipIf(!existsSync(join(root, 'out/main/cli.js')))('trayotp scan (built launcher)', () => {
  it('prints the JSON report and exits 0', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [
      launcher,
      'scan',
      path('two.png'),
      '--json',
    ]);
    expect(JSON.parse(stdout)[0].otpauth).toEqual([key]);
  });
});
