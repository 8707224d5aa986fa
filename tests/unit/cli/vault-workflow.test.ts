// The command line a person lives with (issue 25): a passphrase asked at the terminal, `vault
// import` with no unencrypted file in between, the app's own vault found without --vault,
// migration links and hints for things that are not links, help for every command, and
// `export --out -`. In-process through runCli on real files; the terminal is a scripted prompt.
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Vault } from '../../../main/vault';
import { runCapturing } from '../../support/cli';
import { interopDir } from '../importers/interop-harness';
import { CHEAP, PASSPHRASE, fakeKeychain, fixedClock, tempFolder } from '../vault/helpers';

const GITHUB = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
// Google Authenticator's export of one account (pi@raspberrypi), from otp-cli.test.ts.
const MIGRATION =
  'otpauth-migration://offline?data=CjUKEPqlBekzoNEukL7qlsjBCDYSDnBpQHJhc3BiZXJyeXBpGgtyYXNwYmVycnlwaSABKAEwAhABGAEgACjr4JKK%2B%2F%2F%2F%2F%2F8B';
const AEGIS_PLAIN = `${interopDir}aegis/aegis_plain.json`;
const AEGIS_ENCRYPTED = `${interopDir}aegis/aegis_encrypted.json`;

type Env = Record<string, string | undefined>;
const run = (argv: string[], options: { env?: Env; answers?: string[]; stdin?: string } = {}) =>
  runCapturing(argv, { now: 1_111_111_109, ...options });

async function vault(...uris: string[]) {
  const path = join(await tempFolder(), 'vault.trayotp');
  const made = await Vault.create(path, { clock: fixedClock(), passphrase: PASSPHRASE, ...CHEAP });
  for (const uri of uris) expect((await addTo(path, uri)).status).toBe(0);
  return {
    path,
    revision: () => Vault.open(path, { clock: fixedClock() }).then((v) => v.revision),
    made,
  };
}

const addTo = (path: string, ...uris: string[]) =>
  run(['vault', 'add', ...uris, '--vault', path], { env: { TRAYOTP_PASSPHRASE: PASSPHRASE } });

async function entries(path: string) {
  const opened = await Vault.open(path, { clock: fixedClock() });
  await opened.unlock({ passphrase: PASSPHRASE });
  return opened.entries;
}

describe('the passphrase at a terminal', () => {
  it('init asks twice, hidden, and makes the vault; list asks once', async () => {
    const path = join(await tempFolder(), 'v.trayotp');
    const made = await run(['vault', 'init', '--vault', path], {
      answers: ['correct horse battery staple', 'correct horse battery staple'],
    });
    expect(made).toMatchObject({ status: 0, stdout: `created ${path}\n` });
    expect(made.asked).toEqual([
      { question: `Passphrase for the new vault ${path}: `, hidden: true },
      { question: 'The same passphrase again: ', hidden: true },
    ]);
    const listed = await run(['vault', 'list', '--vault', path], {
      answers: ['correct horse battery staple'],
    });
    expect(listed.asked).toEqual([
      { question: `Passphrase for the vault ${path}: `, hidden: true },
    ]);
    expect(listed.status).toBe(0);
  });

  it.each([
    [['one passphrase', 'another'], 'trayotp: the two passphrases differ; nothing was created\n'],
    [['', ''], 'trayotp: the passphrase is empty; nothing was created\n'],
  ])('init with %j makes nothing', async (answers, stderr) => {
    const path = join(await tempFolder(), 'v.trayotp');
    expect(await run(['vault', 'init', '--vault', path], { answers })).toMatchObject({
      status: 2,
      stderr,
    });
    await expect(readFile(path)).rejects.toThrow(/ENOENT/);
  });

  it('TRAYOTP_PASSPHRASE and --passphrase-file come before the prompt', async () => {
    const { path } = await vault(GITHUB);
    const withEnv = await run(['vault', 'list', '--vault', path], {
      env: { TRAYOTP_PASSPHRASE: PASSPHRASE },
      answers: [],
    });
    expect(withEnv).toMatchObject({ status: 0, asked: [] });
  });
});

describe("the app's own vault", () => {
  it('is found in TRAYOTP_USER_DATA (as the app is pointed there) without --vault', async () => {
    const { path } = await vault(GITHUB);
    const folder = join(path, '..');
    const listed = await run(['vault', 'list'], {
      env: { TRAYOTP_USER_DATA: folder, TRAYOTP_PASSPHRASE: PASSPHRASE },
    });
    expect(listed.stdout).toMatch(/^GitHub:alice \(totp\) id /);
  });

  it('init makes the app data folder (0700) when it is missing, and the vault in it', async () => {
    const folder = join(await tempFolder(), 'TrayOTP');
    const made = await run(['vault', 'init'], {
      env: { TRAYOTP_USER_DATA: folder, TRAYOTP_PASSPHRASE: PASSPHRASE },
    });
    expect(made).toMatchObject({ status: 0, stdout: `created ${join(folder, 'vault.trayotp')}\n` });
    expect((await stat(folder)).mode & 0o777).toBe(0o700);
  });

  it('a keychain-only vault says how to give it a passphrase, before asking for one', async () => {
    const path = join(await tempFolder(), 'vault.trayotp');
    await Vault.create(path, { clock: fixedClock(), keychain: fakeKeychain().keychain, ...CHEAP });
    const result = await run(['vault', 'list', '--vault', path], { answers: [] });
    expect(result).toMatchObject({ status: 2, asked: [] });
    expect(result.stderr).toBe(
      `trayotp: the vault ${path} has no passphrase: it opens only with the system keychain, which the command line cannot use. In TrayOTP, Settings → Passphrase, set one; the command line then opens it with that passphrase\n`,
    );
  });
});

describe('vault import', () => {
  it('shows what it will add without secrets, and with --yes adds it in one save', async () => {
    const v = await vault();
    const before = await v.revision();
    const result = await run(['vault', 'import', AEGIS_PLAIN, '--yes', '--vault', v.path], {
      env: { TRAYOTP_PASSPHRASE: PASSPHRASE },
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /^aegis: 7 accounts to import\n {2}Deno:Mason \(totp, secret hidden\)\n/,
    );
    expect(result.stdout).toMatch(/\nimported 7 accounts\n$/);
    expect(result.stdout).not.toMatch(/4SJHB4GSD43FZBAI7C2HLRJGPQ/);
    expect(await v.revision()).toBe(before + 1);
    expect(await entries(v.path)).toHaveLength(7);
    // Again: every account is already there; skipped and counted, nothing saved.
    const again = await run(['vault', 'import', AEGIS_PLAIN, '--yes', '--vault', v.path], {
      env: { TRAYOTP_PASSPHRASE: PASSPHRASE },
    });
    expect(again.stdout).toMatch(/\nimported 0 accounts, skipped 7\n$/);
    expect(again.stderr).toContain('trayotp: 7 duplicates skipped (add --allow-duplicate');
    expect(await v.revision()).toBe(before + 1);
  });

  it('asks before adding at a terminal; no answers nothing; without a terminal wants --yes', async () => {
    const v = await vault();
    const env = { TRAYOTP_PASSPHRASE: PASSPHRASE };
    const no = await run(['vault', 'import', AEGIS_PLAIN, '--vault', v.path], {
      env,
      answers: ['n'],
    });
    expect(no).toMatchObject({ status: 2, stderr: 'trayotp: nothing was imported\n' });
    expect(no.asked).toEqual([{ question: 'Add them to the vault? [y/N] ', hidden: false }]);
    const script = await run(['vault', 'import', AEGIS_PLAIN, '--vault', v.path], { env });
    expect(script.stderr).toBe(
      'trayotp: nothing was imported: check the list above, then run the same command with --yes\n',
    );
    expect(await entries(v.path)).toHaveLength(0);
    const yes = await run(['vault', 'import', AEGIS_PLAIN, '--vault', v.path], {
      env,
      answers: ['y'],
    });
    expect(yes.status).toBe(0);
    expect(await entries(v.path)).toHaveLength(7);
  });

  it('asks for an encrypted file’s password at a terminal; without one says --password-file', async () => {
    const v = await vault();
    const env = { TRAYOTP_PASSPHRASE: PASSPHRASE };
    const asked = await run(['vault', 'import', AEGIS_ENCRYPTED, '--yes', '--vault', v.path], {
      env,
      answers: ['test'],
    });
    expect(asked.status).toBe(0);
    expect(asked.asked).toEqual([
      { question: 'Password for aegis_encrypted.json: ', hidden: true },
    ]);
    const script = await run(['vault', 'import', AEGIS_ENCRYPTED, '--yes', '--vault', v.path], {
      env,
    });
    expect(script.stderr).toBe(
      'trayotp: This Aegis export is encrypted: give its password with --password-file FILE (its first line; - for standard input)\n',
    );
  });

  it('a file that is not an export adds nothing, and costs no vault passphrase', async () => {
    const folder = await tempFolder();
    const prose = join(folder, 'notes.txt');
    await writeFile(prose, 'just some notes\n');
    const result = await run(['vault', 'import', prose, '--yes', '--vault', join(folder, 'none')], {
      answers: [],
    });
    expect(result.status).toBe(2);
    expect(result.asked).toEqual([]);
  });
});

describe('vault add', () => {
  it('adds the accounts of a Google Authenticator export link', async () => {
    const v = await vault();
    const added = await addTo(v.path, MIGRATION);
    expect(added.stdout).toMatch(/^added raspberrypi:pi@raspberrypi \(id /);
  });

  it.each([
    [
      RFC_SECRET,
      'trayotp: this looks like a bare secret; vault add needs a link that names the account, e.g. otpauth://totp/ISSUER:NAME?secret=SECRET\n',
    ],
  ])('%s gets a hint', async (arg, stderr) => {
    const v = await vault();
    expect(await addTo(v.path, arg)).toMatchObject({ status: 2, stderr });
  });

  it('an image file points at scan and import', async () => {
    const v = await vault();
    const image = join(v.path, '..', 'qr.png');
    await writeFile(image, 'not really a png');
    const result = await addTo(v.path, image);
    expect(result.stderr).toBe(
      `trayotp: "${image}" is an image file, not a link: read its QR code with trayotp scan ${image}, or add what it holds with trayotp vault import ${image}\n`,
    );
  });

  it('a bad link in a list names its line', async () => {
    const v = await vault();
    const result = await run(['vault', 'add', '-', '--vault', v.path], {
      env: { TRAYOTP_PASSPHRASE: PASSPHRASE },
      stdin: `# mine\n${GITHUB}\n\notpauth://totp/x?secret=1\n`,
    });
    expect(result.stderr).toMatch(/^trayotp: line 4 of standard input: The secret is not base32/);
    expect(await entries(v.path)).toHaveLength(0);
  });

  it('an empty vault says so when listed', async () => {
    const v = await vault();
    const result = await run(['vault', 'list', '--vault', v.path], {
      env: { TRAYOTP_PASSPHRASE: PASSPHRASE },
    });
    expect(result).toEqual({
      status: 0,
      stdout: '',
      stderr:
        'trayotp: the vault holds no accounts yet; add some with trayotp vault add or trayotp vault import\n',
    });
  });
});

describe('help', () => {
  it.each([
    [['help', 'vault'], /^trayotp vault ACTION/],
    [['vault', '--help'], /^trayotp vault ACTION/],
    [['code', '--help'], /^trayotp code URI\.\.\.\|SECRET/],
    [['export', '-h'], /^trayotp export --from/],
    [['help'], /^usage:\n {2}trayotp code/],
  ])('%j prints the help, status 0', async (argv, text) => {
    const result = await run(argv);
    expect(result).toMatchObject({ status: 0, stderr: '' });
    expect(result.stdout).toMatch(text);
  });

  it('`trayotp vault` alone lists the actions; help for an unknown command says so', async () => {
    const alone = await run(['vault']);
    expect(alone.status).toBe(2);
    expect(alone.stderr).toMatch(/^trayotp vault ACTION[\s\S]*\n {2}import FILE /);
    expect(await run(['help', 'nope'])).toMatchObject({ status: 2, stdout: '' });
  });
});

describe('code with a bare secret, as oathtool takes it', () => {
  it.each([
    [[RFC_SECRET, '--digits', '8', '--at', '59'], '94287082'], // RFC 6238's table
    [['--totp', RFC_SECRET.toLowerCase(), '--digits', '8', '--at', '59'], '94287082'],
    [['--hotp', '--counter', '1', RFC_SECRET], '287082'], // RFC 4226's table
    [['--hotp', '--counter', '9', RFC_SECRET], '520489'],
  ])('%j → %s', async (argv, code) => {
    expect(await run(['code', ...argv])).toEqual({ status: 0, stdout: `${code}\n`, stderr: '' });
  });

  it.each([
    [
      ['--hotp', RFC_SECRET],
      'trayotp: --hotp needs --counter N (the counter of the code you want)\n',
    ],
    [
      ['not-a-secret!'],
      'trayotp: "not-a-secret!" is neither an otpauth:// link nor a base32 secret\n',
    ],
    [
      ['--digits', '8', 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP'],
      'trayotp: --digits is for a bare secret; a link carries its own parameters\n',
    ],
    [
      [MIGRATION],
      'trayotp: this is a Google Authenticator export link: list its accounts with trayotp migration, or add them with trayotp vault add\n',
    ],
  ])('%j → one line, status 2', async (argv, stderr) => {
    expect(await run(['code', ...argv])).toEqual({ status: 2, stdout: '', stderr });
  });
});

describe('parse', () => {
  it('prints no counter for TOTP and no period for HOTP', async () => {
    const totp = await run(['parse', GITHUB]);
    expect(totp.stdout).toContain('period: 30');
    expect(totp.stdout).not.toContain('counter');
    const hotp = await run(['parse', `otpauth://hotp/x?secret=${RFC_SECRET}&counter=3`]);
    expect(hotp.stdout).toContain('counter: 3');
    expect(hotp.stdout).not.toContain('period');
  });
});

describe('export --out', () => {
  it('- writes a text export to standard output, warnings to stderr', async () => {
    const result = await run(['export', '--from', AEGIS_PLAIN, '--to', 'otpauth', '--out', '-']);
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(7);
    expect(result.stdout).toMatch(/^otpauth:\/\//);
    expect(result.stderr).toMatch(/^trayotp: warning: /);
  });

  it.each([
    [
      ['--out', '-'],
      'trayotp: --to google-qr writes PNG images, which a terminal cannot show: give --out FOLDER\n',
    ],
    [
      ['--out', 'codes.png'],
      'trayotp: --to google-qr writes one image per QR code into the folder --out names; "codes.png" looks like a file name (try --out codes)\n',
    ],
  ])('google-qr %j is refused before anything is written', async (out, stderr) => {
    const result = await run(['export', '--from', AEGIS_PLAIN, '--to', 'google-qr', ...out]);
    expect(result).toEqual({ status: 2, stdout: '', stderr });
  });
});

describe('time-check --json', () => {
  it('prints JSON on failure too, with the reason', async () => {
    const result = await run(['time-check', '--host', 'exa mple.org', '--json']);
    expect(result.status).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({
      host: 'exa mple.org',
      error: {
        code: 'bad-host',
        message: '"exa mple.org" is not a host name; give one such as www.google.com.',
      },
    });
  });
});
