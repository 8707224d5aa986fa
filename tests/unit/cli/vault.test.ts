// trayotp vault …: passphrase vaults from the command line, in-process through runCli on real
// files. Vaults are made with cheap KDF parameters (stored in the file) except where `init`
// itself is tested.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Vault, backupFolder } from '../../../main/vault';
import { runCapturing } from '../../support/cli';
import { CHEAP, PASSPHRASE, fixedClock, tempFolder } from '../vault/helpers';

const RFC = 'otpauth://totp/RFC:rfc6238?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8';
const HOTP = 'otpauth://hotp/Bank:alice?secret=JBSWY3DPEHPK3PXP&counter=5';
const GITHUB = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';

function cli(argv: string[], env: Record<string, string | undefined> = {}) {
  return runCapturing(argv, {
    env: { TRAYOTP_PASSPHRASE: PASSPHRASE, ...env },
    now: 1_111_111_109,
  });
}

async function vaultWith(...uris: string[]) {
  const folder = await tempFolder();
  const path = join(folder, 'vault.trayotp');
  await Vault.create(path, { clock: fixedClock(), passphrase: PASSPHRASE, ...CHEAP });
  if (uris.length > 0)
    expect((await cli(['vault', 'add', ...uris, '--vault', path])).status).toBe(0);
  return { folder, path };
}

describe('trayotp vault', () => {
  it('init makes a vault with the default KDF that the other actions open; never twice', async () => {
    const folder = await tempFolder();
    const path = join(folder, 'v.trayotp');
    expect(await cli(['vault', 'init', '--vault', path])).toEqual({
      status: 0,
      stdout: `created ${path}\n`,
      stderr: '',
    });
    const vault = await Vault.open(path, { clock: fixedClock() });
    expect(vault.kdfIsWeak).toBe(false);
    const again = await cli(['vault', 'init', '--vault', path]);
    expect(again).toEqual({
      status: 2,
      stdout: '',
      stderr: `trayotp: there is already a file at ${path}; nothing was changed.\n`,
    });
  });

  it('add, list, list --json without secrets, code, export --plaintext', async () => {
    const { path } = await vaultWith();
    expect((await cli(['vault', 'add', RFC, GITHUB, '--vault', path])).stdout).toBe(
      'added RFC:rfc6238\nadded GitHub:alice\n',
    );
    expect((await cli(['vault', 'list', '--vault', path])).stdout).toBe(
      'RFC:rfc6238 (totp)\nGitHub:alice (totp)\n',
    );
    const listed = JSON.parse((await cli(['vault', 'list', '--json', '--vault', path])).stdout);
    expect(listed).toHaveLength(2);
    expect(listed[0]).toMatchObject({ issuer: 'RFC', name: 'rfc6238', digits: 8 });
    expect(JSON.stringify(listed)).not.toMatch(/secret|GEZDGNBV|JBSWY3DP/);
    expect(await cli(['vault', 'code', 'rfc:RFC6238', '--at', '59', '--vault', path])).toEqual({
      status: 0,
      stdout: '94287082\n',
      stderr: '',
    });
    expect((await cli(['vault', 'code', 'rfc6238', '--vault', path])).stdout).toBe('07081804\n');
    const exported = await cli(['vault', 'export', '--plaintext', '--vault', path]);
    expect(exported.stderr).toMatch(/^trayotp: warning: .* unencrypted\n$/);
    expect(exported.stdout.trim().split('\n')).toHaveLength(2);
    expect(exported.stdout).toContain('secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });

  it('code of an HOTP account advances the saved counter each time', async () => {
    const { path } = await vaultWith(HOTP);
    const codes = [];
    for (let i = 0; i < 3; i++)
      codes.push((await cli(['vault', 'code', 'Bank', '--vault', path])).stdout);
    const expected = await Promise.all(
      [5, 6, 7].map(async (counter) => {
        const uri = HOTP.replace('counter=5', `counter=${counter}`);
        return (await cli(['code', uri])).stdout;
      }),
    );
    expect(codes).toEqual(expected);
    const listed = JSON.parse((await cli(['vault', 'list', '--json', '--vault', path])).stdout);
    expect(listed[0].counter).toBe(8);
  });

  it('reads the passphrase file without its trailing newline', async () => {
    const { folder, path } = await vaultWith(GITHUB);
    const file = join(folder, 'pass');
    await writeFile(file, `${PASSPHRASE}\n`);
    const result = await cli(['vault', 'list', '--passphrase-file', file, '--vault', path], {
      TRAYOTP_PASSPHRASE: undefined,
    });
    expect(result).toMatchObject({ status: 0, stdout: 'GitHub:alice (totp)\n' });
  });

  it.each([
    [['vault', 'list'], {}, /^trayotp: --vault PATH is required; usage: /],
    [
      ['vault', 'list', '--vault', 'V'],
      { TRAYOTP_PASSPHRASE: undefined },
      /^trayotp: no passphrase: set TRAYOTP_PASSPHRASE or give --passphrase-file FILE\n$/,
    ],
    [
      ['vault', 'list', '--vault', 'V'],
      { TRAYOTP_PASSPHRASE: 'wrong' },
      /^trayotp: wrong passphrase \(or the passphrase slot was altered\)\. Nothing was changed; try again\.\n$/,
    ],
    [
      ['vault', 'export', '--vault', 'V'],
      {},
      /^trayotp: export prints every secret unencrypted; add --plaintext/,
    ],
    [
      ['vault', 'code', 'alice', '--vault', 'V'],
      {},
      /^trayotp: "alice" matches 2 accounts \(GitHub:alice, Bank:alice\); use ISSUER:NAME/,
    ],
    [
      ['vault', 'code', 'nobody', '--vault', 'V'],
      {},
      /^trayotp: no account matches "nobody"; see trayotp vault list\n$/,
    ],
    [
      ['vault', 'add', 'otpauth://totp/x?secret=1', '--vault', 'V'],
      {},
      /^trayotp: The secret is not base32/,
    ],
    [
      ['vault', 'frobnicate', '--vault', 'V'],
      {},
      /^trayotp: unknown vault action "frobnicate"; try: init, add, list, code, export\n$/,
    ],
    [
      ['vault', 'list', '--vault', 'NOPE'],
      {},
      /^trayotp: there is no vault at .*nope; check the path\.\n$/,
    ],
  ])('%j → status 2, one line, vault unchanged', async (argv, env, message) => {
    const { path, folder } = await vaultWith(GITHUB, HOTP);
    const before = await readFile(path);
    const result = await cli(
      argv.map((a) => (a === 'V' ? path : a === 'NOPE' ? join(folder, 'nope') : a)),
      env,
    );
    expect(result.stderr).toMatch(message);
    expect(result).toMatchObject({ status: 2, stdout: '' });
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(await readFile(path)).toEqual(before);
  });

  it('a damaged vault: exit 2, "vault integrity check failed", the newest backup named', async () => {
    const { path } = await vaultWith(GITHUB);
    const bytes = await readFile(path);
    await writeFile(path, bytes.subarray(0, bytes.length - 1));
    const result = await cli(['vault', 'list', '--vault', path]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      'trayotp: vault integrity check failed: the file is shorter than its header says (it was cut off). ' +
        `Nothing was changed; restore the newest good backup. The newest good backup is ${join(backupFolder(path), '000000000001.trayotp')} (saved 2005-03-18T01:58:29.000Z).\n`,
    );
  });
});
