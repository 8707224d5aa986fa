// trayotp import-preview: in-process through runCli, reading real files (the interop test data
// where present, files written to a temp folder otherwise).
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { interopDir } from '../importers/interop-harness';
import { runCapturing } from '../../support/cli';

const cli = (...argv: string[]) => runCapturing(argv, { now: 1_700_000_000 });

const dir = mkdtempSync(join(tmpdir(), 'trayotp-import-preview-'));
const file = (name: string, content: string) => {
  writeFileSync(join(dir, name), content);
  return join(dir, name);
};
const list = file(
  'list.txt',
  '# two accounts\notpauth://totp/GitHub:alice?secret=jbswy3dpehpk3pxp====&issuer=GitHub\notpauth://hotp/Bank:bob?secret=JBSWY3DPEHPK3PXP\n',
);

describe('trayotp import-preview', () => {
  it('prints the format, the entries (secret upper-case base32, no padding) and the skipped', async () => {
    const { status, stdout, stderr } = await cli(
      'import-preview',
      list,
      '--json',
      '--show-secrets',
    );
    expect([status, stderr]).toEqual([0, '']);
    expect(JSON.parse(stdout)).toEqual({
      format: 'otpauth',
      entries: [
        {
          type: 'totp',
          issuer: 'GitHub',
          name: 'alice',
          secret: 'JBSWY3DPEHPK3PXP',
          algorithm: 'SHA1',
          digits: 6,
          period: 30,
        },
      ],
      skipped: [
        {
          label: 'line 3',
          reason:
            'An HOTP account needs its counter (&counter=… in the link); without it the codes would not match the site.',
        },
      ],
    });
  });

  it('prints a table without --json, skipped entries on stderr', async () => {
    expect(await cli('import-preview', list)).toEqual({
      status: 0,
      stdout: 'format: otpauth\nGitHub\talice\ttotp\n',
      stderr:
        'trayotp: skipped line 3: An HOTP account needs its counter (&counter=… in the link); without it the codes would not match the site.\n',
    });
  });

  it.each([
    [
      ['import-preview'],
      'trayotp: give exactly one FILE; usage: trayotp import-preview FILE|- [--format F] [--password-file P] [--key-file K] [--json [--show-secrets]]\n',
    ],
    [
      ['import-preview', join(dir, 'missing.txt')],
      `trayotp: file "${join(dir, 'missing.txt')}" does not exist\n`,
    ],
    [
      ['import-preview', list, '--format', 'nope'],
      /^trayotp: unknown --format "nope"; known formats: .*otpauth.*\n$/,
    ],
    [
      ['import-preview', file('prose.txt', 'hello world\n')],
      'trayotp: "prose.txt" is not an export TrayOTP can read: it is text with no otpauth:// or otpauth-migration:// links.\n',
    ],
  ])('exits 2 with one line for %j', async (argv, message) => {
    const { status, stdout, stderr } = await cli(...argv);
    expect([status, stdout]).toEqual([2, '']);
    expect(stderr).toMatch(message);
  });
});

describe('trayotp import-preview: secrets, formats, input', () => {
  it('masks the secrets in --json unless --show-secrets asks for them', async () => {
    const { status, stdout } = await cli('import-preview', list, '--json');
    expect(status).toBe(0);
    expect(stdout).not.toContain('JBSWY3DPEHPK3PXP');
    expect(JSON.parse(stdout).entries[0].secret).toBe('(hidden; add --show-secrets)');
  });

  it('a forced --format the file is not in: exit 2 naming what it looks like', async () => {
    expect(await cli('import-preview', list, '--format', 'aegis')).toEqual({
      status: 2,
      stdout: '',
      stderr:
        'trayotp: "list.txt" is not a Aegis file (--format aegis): it looks like otpauth:// link list (otpauth); leave out --format to read it as that\n',
    });
  });

  it('reads the file from standard input (-)', async () => {
    const run = await runCapturing(['import-preview', '-'], {
      stdin: 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub\n',
    });
    expect(run).toEqual({
      status: 0,
      stdout: 'format: otpauth\nGitHub\talice\ttotp\n',
      stderr: '',
    });
  });

  it.each([
    ['/dev/zero', '/dev/zero', 'trayotp: file "/dev/zero" is not a regular file\n'],
    ['a folder', '/tmp', 'trayotp: file "/tmp" is a folder, not a file\n'],
    [
      'a 33 MiB file',
      (() => {
        const big = file('big.json', '');
        truncateSync(big, 33 * 1024 * 1024); // sparse: nothing is written
        return big;
      })(),
      /^trayotp: file ".*big\.json" is larger than 32 MiB, more than TrayOTP reads\n$/,
    ],
  ])('refuses %s before reading it', async (_what, path, message) => {
    const run = await cli('import-preview', path);
    expect(run).toMatchObject({ status: 2, stdout: '' });
    expect(run.stderr).toMatch(message);
  });
});

describe('trayotp import-preview on the interop files', () => {
  const encrypted = `${interopDir}aegis/aegis_encrypted.json`;

  it('reads an encrypted file with --password-file (first line of the file)', async () => {
    const { status, stdout } = await cli(
      'import-preview',
      encrypted,
      '--password-file',
      file('pw', 'test\n'),
      '--json',
      '--show-secrets',
    );
    expect(status).toBe(0);
    const preview = JSON.parse(stdout);
    expect(preview.format).toBe('aegis');
    expect(preview.entries).toHaveLength(7);
    expect(preview.entries).toContainEqual({
      type: 'hotp',
      issuer: 'WWE',
      name: 'Mason',
      secret: '5VAML3X35THCEBVRLV24CGBKOY',
      algorithm: 'SHA512',
      digits: 8,
      counter: 10300,
    });
  });

  it.each([
    [
      [],
      'trayotp: This Aegis export is encrypted: give its password with --password-file FILE (its first line; - for standard input)\n',
    ],
    [
      ['--password-file', file('bad', 'nope\n')],
      'trayotp: Wrong password for this Aegis export.\n',
    ],
  ])('says what is wrong with the password (%j)', async (extra, message) => {
    expect(await cli('import-preview', encrypted, ...extra)).toEqual({
      status: 2,
      stdout: '',
      stderr: message,
    });
  });

  it('opens a KeePass database that needs a key file with --key-file, and says so without it', async () => {
    const keepass = (name: string) =>
      fileURLToPath(new URL(`../../fixtures/keepass/${name}`, import.meta.url));
    const database = keepass('kdbx-rs-kdbx4-argon2d-key-file.kdbx');
    const password = file('kdbx-password', 'kdbxrs\n');
    const without = await cli('import-preview', database, '--password-file', password);
    expect([without.status, without.stderr]).toEqual([
      2,
      expect.stringMatching(/^trayotp: .*password/i),
    ]);
    const opened = await cli(
      'import-preview',
      database,
      '--password-file',
      password,
      '--key-file',
      keepass('kdbx-rs-kdbx4-argon2d-key-file.key'),
    );
    expect([opened.status, opened.stdout]).toEqual([0, 'format: keepass\n']);
    expect(opened.stderr).toMatch(/warning: .*TOTP/);
  });

  it('refuses the file and the key file both from standard input', async () => {
    const { status, stderr } = await cli('import-preview', '-', '--key-file', '-');
    expect([status, stderr]).toEqual([
      2,
      'trayotp: only one of the file, the password and the key file can come from standard input (-)\n',
    ]);
  });
});
