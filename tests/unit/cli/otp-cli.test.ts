// The `trayotp` commands of the OTP engine: in-process through runCli for the whole table, and
// through the built launcher (bin/trayotp.js, as `npx trayotp` runs it) for the exit statuses.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCapturing } from '../../support/cli';
import { assertBuilt, root, runBuilt } from './built';

const RFC = 'otpauth://totp/x?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8';
const EXPORT =
  'otpauth-migration://offline?data=CjUKEPqlBekzoNEukL7qlsjBCDYSDnBpQHJhc3BiZXJyeXBpGgtyYXNwYmVycnlwaSABKAEwAhABGAEgACjr4JKK%2B%2F%2F%2F%2F%2F8B';

const cli = (...argv: string[]) => runCapturing(argv, { now: 1_111_111_109 });

describe('trayotp code', () => {
  it('prints one code a line, at --at or at now', async () => {
    expect(await cli('code', RFC, '--at', '59')).toEqual({
      status: 0,
      stdout: '94287082\n',
      stderr: '',
    });
    expect((await cli('code', RFC)).stdout).toBe('07081804\n');
    const two = await cli('code', RFC, `${RFC}&algorithm=SHA256`, '--at', '20000000000');
    expect(two.stdout).toBe('65353130\n'.concat(two.stdout.split('\n')[1]!, '\n'));
  });

  it.each([
    [['code'], /^trayotp: no URI or secret given; usage: trayotp code URI/],
    [
      ['code', RFC, '--at', 'yesterday'],
      /^trayotp: --at takes Unix time in seconds, not "yesterday"\n$/,
    ],
    [['code', RFC, '--at=-5'], /^trayotp: --at must not be before 1970\n$/],
    [['code', RFC, '--at', '-5'], /^trayotp: --at must not be before 1970\n$/],
    [['code', RFC, '--bogus'], /^trayotp: Unknown option '--bogus'; usage: /],
    [['code', 'otpauth://totp/x?secret=ABC1'], /^trayotp: The secret is not base32: "1"/],
    [
      ['code', RFC, 'otpauth://hotp/x?secret=ABCD'],
      /^trayotp: argument 2: An HOTP account needs its counter/,
    ],
    [['nope'], /^trayotp: unknown command "nope"; try: code, /],
    [['parse'], /^trayotp: give exactly one URI/],
    [['parse', 'not a link', '--json'], /^trayotp: This is not an otpauth:\/\/ link.\n$/],
    [
      ['migration', 'otpauth-migration://offline?data=XXXX'],
      /^trayotp: The export link's data is damaged/,
    ],
  ])('bad input %j → status 2 and one line', async (argv, message) => {
    const result = await cli(...argv);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('reads the links from standard input (-) or --uri-file, one a line, out of `ps`', async () => {
    const stdin = `${RFC}\n\n# a comment\n${RFC}&algorithm=SHA256\n`;
    expect(await runCapturing(['code', '-', '--at', '59'], { stdin })).toEqual({
      status: 0,
      stdout: '94287082\n32247374\n',
      stderr: '',
    });
    const file = join(mkdtempSync(join(tmpdir(), 'trayotp-links-')), 'links.txt');
    writeFileSync(file, `${RFC}\n`);
    expect((await cli('code', '--uri-file', file, '--at', '59')).stdout).toBe('94287082\n');
    expect((await runCapturing(['parse', '-', '--json'], { stdin: RFC })).stdout).toContain(
      '"secret": "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"',
    );
  });

  it.each([
    [
      ['code', '--uri-file', '/dev/zero'],
      'trayotp: the links file "/dev/zero" is not a regular file\n',
    ],
    [['code', '--uri-file', '/'], 'trayotp: the links file "/" is a folder, not a file\n'],
    [['code', '-', '-'], 'trayotp: standard input (-) can be read only once\n'],
  ])('refuses %j with one line', async (argv, message) => {
    expect(await runCapturing(argv, { stdin: RFC })).toEqual({
      status: 2,
      stdout: '',
      stderr: message,
    });
  });

  it('refuses links on standard input beyond 1 MiB', async () => {
    const stdin = `${RFC}\n`.repeat(20_000);
    expect(await runCapturing(['code', '-'], { stdin })).toEqual({
      status: 2,
      stdout: '',
      stderr:
        'trayotp: the links on standard input (-) is larger than 1 MiB, more than TrayOTP reads\n',
    });
  });

  it('prints nothing when one URI of several is bad', async () => {
    const result = await cli('code', RFC, 'otpauth://totp/x?secret=1');
    expect(result).toMatchObject({ status: 2, stdout: '' });
  });
});

describe('trayotp itself', () => {
  it('given nothing, prints the usage on stderr and exits 2; --help prints it on stdout', async () => {
    const bare = await cli();
    expect(bare).toMatchObject({ status: 2, stdout: '' });
    expect(bare.stderr).toMatch(/^usage:\n {2}trayotp code /);
    const help = await cli('--help');
    expect(help).toMatchObject({ status: 0, stderr: '', stdout: bare.stderr });
  });

  it('--version prints the version of package.json', async () => {
    const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
    expect(await cli('--version')).toEqual({
      status: 0,
      stdout: `trayotp ${version}\n`,
      stderr: '',
    });
  });
});

describe('trayotp parse', () => {
  it('prints the normalised account as JSON, warnings on stderr', async () => {
    const result = await cli(
      'parse',
      'otpauth://totp/A:bob?secret=jbsw y3dp ehpk 3pxp&issuer=B',
      '--json',
    );
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      type: 'totp',
      issuer: 'B',
      name: 'bob',
      secret: 'JBSWY3DPEHPK3PXP',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
    });
    expect(result.stderr).toMatch(/^trayotp: warning: The label says the issuer is "A"/);
  });
});

describe('trayotp migration', () => {
  it('prints the accounts and batch of an export link', async () => {
    const result = await cli('migration', EXPORT, '--json');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      batch: { version: 1, batchSize: 1, batchIndex: 0, batchId: -1320898453 },
      entries: [
        {
          type: 'totp',
          issuer: 'raspberrypi',
          name: 'pi@raspberrypi',
          secret: '7KSQL2JTUDIS5EF65KLMRQIIGY',
          algorithm: 'SHA1',
          digits: 6,
          period: 30,
        },
      ],
      skipped: [],
    });
  });
});

describe('bin/trayotp.js (the built CLI, as npx runs it)', () => {
  beforeAll(assertBuilt);
  const trayotp = (...args: string[]) => runBuilt(args);

  it('prints the RFC 6238 code at t = 59', async () => {
    expect(await trayotp('code', RFC, '--at', '59')).toEqual({
      status: 0,
      stdout: '94287082\n',
      stderr: '',
    });
  });

  it('exits 2 with one line and no stack trace on bad input', async () => {
    const result = await trayotp('code', 'otpauth://totp/x?secret=');
    expect(result).toEqual({ status: 2, stdout: '', stderr: 'trayotp: The secret is empty.\n' });
  });

  it('reads links from standard input (-)', async () => {
    expect(await runBuilt(['code', '-', '--at', '59'], { input: `${RFC}\n` })).toEqual({
      status: 0,
      stdout: '94287082\n',
      stderr: '',
    });
  });
});
