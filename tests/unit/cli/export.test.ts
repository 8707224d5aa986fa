// trayotp export: in-process through runCli, converting a file written here into each target
// and reading the result back with import-preview's reader (importFile).
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../../main/importers';
import { PLAIN_EXPORT_WARNING } from '../../../main/importers/export';
import { runCapturing } from '../../support/cli';

const cli = (...argv: string[]) => runCapturing(argv, { now: 1_700_000_000 });

const dir = mkdtempSync(join(tmpdir(), 'trayotp-export-'));
const write = (name: string, content: string) => {
  writeFileSync(join(dir, name), content);
  return join(dir, name);
};
const source = write(
  'source.txt',
  [
    'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub',
    'otpauth://hotp/Bank:bob?secret=JRZCL47CMXVOQMNPZR2F7J4RGI&issuer=Bank&counter=3',
    'otpauth://steam/Steam:gamer?secret=KUVJJOM753IHTNDSZVCNKL7GII',
    'otpauth://totp/Broken?secret=1',
  ].join('\n'),
);
const reimport = async (path: string, password?: string) =>
  (
    await importFile(
      { fileName: 'x', bytes: new Uint8Array(readFileSync(path)) },
      password ? { password } : {},
    )
  ).entries.map((e) => `${e.account.type} ${e.account.issuer}:${e.account.name}`);
const all = ['totp GitHub:alice', 'hotp Bank:bob', 'steam Steam:gamer'];
const skippedWarning =
  'trayotp: warning: line 4 is not exported: The secret is not base32: "1" is not one of A–Z, 2–7.\n';

describe('trayotp export', () => {
  it.each(['aegis', 'otpauth'])(
    '--to %s refuses an existing --out before it warns or writes anything',
    async (to) => {
      const out = write(`taken-${to}`, 'mine');
      expect(await cli('export', '--from', source, '--to', to, '--out', out)).toEqual({
        status: 2,
        stdout: '',
        stderr: `trayotp: "${out}" already exists; choose another name\n`,
      });
      expect(readFileSync(out, 'utf8')).toBe('mine');
    },
  );

  it('--to google-qr refuses an existing image before it warns', async () => {
    const out = join(dir, 'qr-taken');
    mkdirSync(out);
    writeFileSync(join(out, 'google-authenticator-1-of-1.png'), 'mine');
    const run = await cli('export', '--from', source, '--to', 'google-qr', '--out', out);
    expect(run.status).toBe(2);
    expect(run.stderr).not.toContain('NOT encrypted');
    expect(run.stderr.split('\n').at(-2)).toMatch(/already exists; choose another name$/);
  });

  it('--to aegis writes an owner-only Aegis file that re-imports', async () => {
    const out = join(dir, 'aegis.json');
    expect(await cli('export', '--from', source, '--to', 'aegis', '--out', out)).toEqual({
      status: 0,
      stdout: `wrote 3 accounts to ${out}\n`,
      stderr: `${skippedWarning}trayotp: warning: ${PLAIN_EXPORT_WARNING}\n`,
    });
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(await reimport(out)).toEqual(all);
  });

  it('--to aegis-encrypted uses --export-password-file', async () => {
    const out = join(dir, 'aegis-encrypted.json');
    const pw = write('export-pw', 's3cret\n');
    const run = await cli(
      'export',
      '--from',
      source,
      '--to',
      'aegis-encrypted',
      '--out',
      out,
      '--export-password-file',
      pw,
    );
    expect(run.status).toBe(0);
    expect(await reimport(out, 's3cret')).toEqual(all);
  });

  it('warns when the new export password is weak (and still writes the file)', async () => {
    const out = join(dir, 'weak.trayotp');
    const pw = write('weak-pw', '1234\n');
    const run = await cli(
      'export',
      '--from',
      source,
      '--to',
      'aegis-encrypted',
      '--out',
      out,
      '--export-password-file',
      pw,
    );
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('trayotp: warning: this password is weak (strength 0 of 4');
    expect(await reimport(out, '1234')).toEqual(all);
  });

  it('--to trayotp writes an encrypted TrayOTP backup that re-imports with its passphrase', async () => {
    const out = join(dir, 'backup.trayotp');
    const pw = write('backup-pw', 'backup passphrase\n');
    const run = await cli(
      'export',
      '--from',
      source,
      '--to',
      'trayotp',
      '--out',
      out,
      '--export-password-file',
      pw,
    );
    expect(run.status).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(await reimport(out, 'backup passphrase')).toEqual(all);
  });

  it('--to otpauth warns that the file is unencrypted', async () => {
    const out = join(dir, 'list.txt');
    const run = await cli('export', '--from', source, '--to', 'otpauth', '--out', out);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('trayotp: warning: this file is NOT encrypted');
    expect(await reimport(out)).toEqual(all);
  });

  it('--to google-qr writes PNG codes into the --out folder and names what it left out', async () => {
    const out = join(dir, 'qr');
    const run = await cli('export', '--from', source, '--to', 'google-qr', '--out', out);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(
      'trayotp: warning: Steam is not exported: Google Authenticator cannot show Steam Guard codes.\n',
    );
    expect(run.stderr).toContain('trayotp: warning: these QR images are NOT encrypted');
    expect(run.stdout).toMatch(/\nwrote 2 accounts in 1 QR code\n$/);
    expect(readdirSync(out)).toEqual(['google-authenticator-1-of-1.png']);
    const { data, info } = await sharp(join(out, 'google-authenticator-1-of-1.png'))
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const text = jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data ?? '';
    expect(await reimport(write('scanned.txt', text))).toEqual(all.slice(0, 2));
  });

  it.each([
    [
      ['export', '--from', source, '--to', 'aegis'],
      /^trayotp: --from, --to and --out are required; usage: /,
    ],
    [
      ['export', '--from', source, '--to', 'keepass', '--out', join(dir, 'k')],
      /^trayotp: --to must be one of trayotp, aegis, aegis-encrypted, otpauth, google-qr, not "keepass"\n$/,
    ],
    [
      ['export', '--from', source, '--to', 'aegis-encrypted', '--out', join(dir, 'e')],
      /^trayotp: --to aegis-encrypted needs --export-password-file P2\n$/,
    ],
    [
      ['export', '--from', source, '--to', 'aegis', '--out', source],
      /already exists; choose another name\n$/,
    ],
    [
      [
        'export',
        '--from',
        write('empty.txt', '# nothing\n'),
        '--to',
        'aegis',
        '--out',
        join(dir, 'n'),
      ],
      /holds no accounts to export\n$/,
    ],
    [
      ['export', '--from', source, '--format', 'aegis', '--to', 'otpauth', '--out', join(dir, 'f')],
      /^trayotp: "source.txt" is not a Aegis file \(--format aegis\): it looks like/,
    ],
  ])('exits 2 with one line for %j', async (argv, message) => {
    const run = await cli(...argv);
    expect(run.status).toBe(2);
    expect(run.stderr.split('\n').filter(Boolean).at(-1) + '\n').toMatch(message);
  });
});
