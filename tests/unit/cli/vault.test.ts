// trayotp vault …: passphrase vaults from the command line, in-process through runCli on real
// files. Vaults are made with cheap KDF parameters (stored in the file) except where `init`
// itself is tested.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Vault, backupFolder } from '../../../main/vault';
import { runCapturing } from '../../support/cli';
import { CHEAP, PASSPHRASE, fixedClock, tempFolder } from '../vault/helpers';

const RFC = 'otpauth://totp/RFC:rfc6238?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8';
const HOTP = 'otpauth://hotp/Bank:alice?secret=JBSWY3DPEHPK3PXP&counter=5';
const GITHUB = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
const ID = '[0-9a-f-]{36}';

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
    // Refused before any passphrase is read or key derived: no passphrase needed to hear it.
    const again = await cli(['vault', 'init', '--vault', path], { TRAYOTP_PASSPHRASE: undefined });
    expect(again).toEqual({
      status: 2,
      stdout: '',
      stderr: `trayotp: the vault ${path} already exists; nothing was changed\n`,
    });
  });

  it('add, list, list --json without secrets, code, export --plaintext', async () => {
    const { path } = await vaultWith();
    expect((await cli(['vault', 'add', RFC, GITHUB, '--vault', path])).stdout).toMatch(
      new RegExp(`^added RFC:rfc6238 \\(id ${ID}\\)\nadded GitHub:alice \\(id ${ID}\\)\n$`),
    );
    expect((await cli(['vault', 'list', '--vault', path])).stdout).toMatch(
      new RegExp(`^RFC:rfc6238 \\(totp\\) id ${ID}\nGitHub:alice \\(totp\\) id ${ID}\n$`),
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
    expect(result).toMatchObject({ status: 0, stderr: '' });
    expect(result.stdout).toMatch(/^GitHub:alice \(totp\) id /);
  });

  it.each([
    [
      ['vault', 'list'],
      { TRAYOTP_USER_DATA: 'NOPE' },
      /^trayotp: TrayOTP has no vault yet at .*nope.vault\.trayotp: start the app once, or make one here with trayotp vault init \(or give --vault PATH\)\n$/,
    ],
    [
      ['vault', 'list', '--vault', 'V'],
      { TRAYOTP_PASSPHRASE: undefined },
      /^trayotp: no passphrase for the vault .*: set TRAYOTP_PASSPHRASE, give --passphrase-file FILE \(- for standard input\), or run this in a terminal to be asked\n$/,
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
      /^trayotp: "alice" matches 2 accounts \(GitHub:alice id .{36}, Bank:alice id .{36}\); use ISSUER:NAME or the id\n$/,
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
      /^trayotp: unknown vault action "frobnicate"; the actions are init, add, import, list, code, rename, remove, export \(trayotp help vault\)\n$/,
    ],
    [
      ['vault', 'list', '--vault', 'NOPE'],
      {},
      /^trayotp: there is no vault at .*nope; make one with trayotp vault init --vault .*nope\n$/,
    ],
  ])('%j → status 2, one line, vault unchanged', async (argv, env, message) => {
    const { path, folder } = await vaultWith(GITHUB, HOTP);
    const before = await readFile(path);
    const nope = join(folder, 'nope');
    const result = await cli(
      argv.map((a) => (a === 'V' ? path : a === 'NOPE' ? nope : a)),
      Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === 'NOPE' ? nope : v])),
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

describe('trayotp vault: duplicates, rename, remove', () => {
  it('skips a duplicate, says so and counts it (vault unchanged) unless --allow-duplicate', async () => {
    const { path } = await vaultWith(GITHUB);
    const before = await readFile(path);
    expect(await cli(['vault', 'add', GITHUB, '--vault', path])).toEqual({
      status: 0,
      stdout: '',
      stderr:
        'trayotp: skipped GitHub:alice: already in the vault with the same secret\n' +
        'trayotp: 1 duplicate skipped (add --allow-duplicate to add it anyway)\n',
    });
    expect(await readFile(path)).toEqual(before);
    // Twice in one command: the first is added, the second skipped, in one save.
    const revision = (await Vault.open(path, { clock: fixedClock() })).revision;
    const twice = await cli(['vault', 'add', RFC, RFC, '--vault', path]);
    expect(twice.stdout).toMatch(new RegExp(`^added RFC:rfc6238 \\(id ${ID}\\)\n$`));
    expect(twice.stderr).toContain('skipped RFC:rfc6238: given twice with the same secret');
    const vault = await Vault.open(path, { clock: fixedClock() });
    expect(vault.revision).toBe(revision + 1);
    await vault.unlock({ passphrase: PASSPHRASE });
    expect(vault.entries).toHaveLength(2);
    const added = await cli(['vault', 'add', GITHUB, '--allow-duplicate', '--vault', path]);
    expect(added.status).toBe(0);
    expect(added.stderr).toBe('');
  });

  it('two accounts with the same name: the error says to give the id, and the id works', async () => {
    const { path } = await vaultWith(GITHUB);
    await cli(['vault', 'add', GITHUB, '--allow-duplicate', '--vault', path]);
    const clash = await cli(['vault', 'code', 'GitHub:alice', '--vault', path]);
    expect(clash.status).toBe(2);
    expect(clash.stderr).toMatch(
      new RegExp(
        `^trayotp: "GitHub:alice" matches 2 accounts \\(GitHub:alice id ${ID}, GitHub:alice id ${ID}\\); they share that name, so give the id\\n$`,
      ),
    );
    const ids = JSON.parse((await cli(['vault', 'list', '--json', '--vault', path])).stdout).map(
      (e: { id: string }) => e.id,
    );
    expect((await cli(['vault', 'code', ids[1], '--at', '59', '--vault', path])).status).toBe(0);
    expect((await cli(['vault', 'list', '--vault', path])).stdout).toContain(`id ${ids[1]}\n`);
  });

  it('rename takes ISSUER:NAME or a NAME that keeps the issuer; remove takes a name or an id', async () => {
    const { path } = await vaultWith(GITHUB, RFC);
    const renamed = await cli(['vault', 'rename', 'GitHub:alice', 'alice-work', '--vault', path]);
    expect(renamed.stdout).toMatch(
      new RegExp(`^renamed GitHub:alice to GitHub:alice-work \\(id ${ID}\\)\\n$`),
    );
    await cli(['vault', 'rename', 'rfc6238', 'IETF:rfc', '--vault', path]);
    const list = JSON.parse((await cli(['vault', 'list', '--json', '--vault', path])).stdout);
    expect(list.map((e: { issuer: string; name: string }) => `${e.issuer}:${e.name}`)).toEqual([
      'GitHub:alice-work',
      'IETF:rfc',
    ]);
    const removed = await cli(['vault', 'remove', list[1].id, '--vault', path]);
    expect(removed).toEqual({
      status: 0,
      stdout: `removed IETF:rfc (id ${list[1].id})\n`,
      stderr: '',
    });
    expect((await cli(['vault', 'remove', 'alice-work', '--vault', path])).status).toBe(0);
    expect((await cli(['vault', 'list', '--vault', path])).stdout).toBe('');
  });
});

describe('trayotp vault: warnings and input', () => {
  it('init in a folder that does not exist says so', async () => {
    const path = join(await tempFolder(), 'missing', 'v.trayotp');
    expect(await cli(['vault', 'init', '--vault', path])).toEqual({
      status: 2,
      stdout: '',
      stderr: `trayotp: the folder ${dirname(path)} does not exist; create it first\n`,
    });
  });

  it('init warns about a weak passphrase (and still creates the vault)', async () => {
    const path = join(await tempFolder(), 'v.trayotp');
    const result = await cli(['vault', 'init', '--vault', path], { TRAYOTP_PASSPHRASE: 'x' });
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(
      /^trayotp: warning: this passphrase is weak \(strength 0 of 4: guessed in less than a second at 10,000 guesses a second\); anyone with a copy of the vault file can try guesses offline\. A few random words make a stronger one\.\n$/,
    );
  });

  it('reads the passphrase (--passphrase-file -) and links (-) from standard input', async () => {
    const { path } = await vaultWith();
    const added = await runCapturing(['vault', 'add', '-', '--vault', path], {
      env: { TRAYOTP_PASSPHRASE: PASSPHRASE },
      stdin: `${GITHUB}\n`,
    });
    expect(added).toMatchObject({ status: 0, stderr: '' });
    const listed = await runCapturing(
      ['vault', 'list', '--passphrase-file', '-', '--vault', path],
      {
        stdin: `${PASSPHRASE}\n`,
      },
    );
    expect(listed.stdout).toMatch(/^GitHub:alice \(totp\) id /);
  });

  it('warns on stderr when a save went through but its backup failed', async () => {
    const { path } = await vaultWith(GITHUB);
    // A file where the backup folder should be: the backup cannot be written.
    await rm(backupFolder(path), { recursive: true });
    await writeFile(backupFolder(path), 'not a folder');
    const result = await cli(['vault', 'add', RFC, '--vault', path]);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(
      /^trayotp: warning: the change is saved, but its backup .* could not be written \(.+\); check that folder\n$/,
    );
  });

  it('warns when the vault file is older than its newest backup (an old copy put back)', async () => {
    const { path } = await vaultWith(GITHUB);
    const old = await readFile(path);
    await cli(['vault', 'add', RFC, '--vault', path]);
    await writeFile(path, old);
    const result = await cli(['vault', 'list', '--vault', path]);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(
      /^trayotp: warning: .*vault\.trayotp \(revision \d+\) is older than its backup .* \(revision \d+\); something put an old copy back\. To restore the newer one, copy that backup over the vault file; a change saved now would build on the older one\.\n$/,
    );
  });
});
