// trayotp scan IMAGE... [--json]: in-process through runCli on PNG, JPEG and WebP files, every bad
// input with its one-line error, and once through the built launcher where `npm run build` ran.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderFrame } from '../../support/qr-frame';
import { testdataPath } from '../../support/testdata';
import { runCapturing } from '../../support/cli';
import { assertBuilt, runBuilt } from '../cli/built';

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

  it('a file that fails is named on stderr; the others are still reported; exit 2', async () => {
    const run = await cli(
      'scan',
      path('two.png'),
      'missing.png',
      path('notes.txt'),
      path('blank.png'),
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'trayotp: image "missing.png" does not exist\n' +
        `trayotp: ${path('notes.txt')}: The file is not an image TrayOTP can read; it reads PNG, JPEG, WebP, GIF, TIFF, AVIF and SVG files.\n`,
    );
    expect(run.stdout.split('\n').sort()).toEqual(
      [
        '',
        `${path('two.png')}\t${key}`,
        `${path('two.png')}\t${wifi}`,
        `${path('blank.png')}\t(no QR code)`,
      ].sort(),
    );
    const json = await cli('scan', 'missing.png', path('two.png'), '--json');
    expect(json.status).toBe(2);
    const reports = JSON.parse(json.stdout);
    expect(reports[0]).toEqual({
      file: 'missing.png',
      error: 'image "missing.png" does not exist',
    });
    expect(reports[1].otpauth).toEqual([key]);
  });

  it('refuses what is not a regular file (a FIFO or /dev/zero would hang or fill memory)', async () => {
    expect(await cli('scan', '/dev/zero')).toEqual({
      status: 2,
      stdout: '',
      stderr: 'trayotp: image "/dev/zero" is not a regular file\n',
    });
  });

  it('escapes control characters in what it prints: a QR code cannot drive the terminal', async () => {
    const evil = '\u001b]0;pwned\u0007\u001b[2J\u202etxt.exe';
    writeFileSync(path('evil.png'), await QRCode.toBuffer(evil));
    const { status, stdout } = await cli('scan', path('evil.png'));
    expect(status).toBe(0);
    // eslint-disable-next-line no-control-regex
    expect(stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(stdout).toContain('\\u{202e}txt.exe\n');
    const json = await cli('scan', path('evil.png'), '--json');
    expect(json.stdout).not.toContain('\u202e');
    expect(JSON.parse(json.stdout)[0].texts[0]).toMatch(/\u202etxt\.exe$/);
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

describe('trayotp scan (built launcher)', () => {
  beforeAll(assertBuilt);
  it('prints the JSON report and exits 0', async () => {
    const { status, stdout } = await runBuilt(['scan', path('two.png'), '--json']);
    expect(status).toBe(0);
    expect(JSON.parse(stdout)[0].otpauth).toEqual([key]);
  });
});
