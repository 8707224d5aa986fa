// The `trayotp` commands of the OTP engine: in-process through runCli for the whole table, and
// through the built launcher (bin/trayotp.js, as `npx trayotp` runs it) for the exit statuses.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCapturing } from '../../support/cli';

const root = fileURLToPath(new URL('../../../', import.meta.url));
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
    [['code'], /^trayotp: no URI given; usage: trayotp code URI/],
    [
      ['code', RFC, '--at', 'yesterday'],
      /^trayotp: --at takes Unix time in seconds, not "yesterday"\n$/,
    ],
    [['code', RFC, '--at=-5'], /^trayotp: --at must not be before 1970\n$/],
    [['code', RFC, '--at', '-5'], /^trayotp: Option '--at' argument is ambiguous; usage: /],
    [['code', RFC, '--bogus'], /^trayotp: Unknown option '--bogus'; usage: /],
    [['code', 'otpauth://totp/x?secret=ABC1'], /^trayotp: The secret is not base32: "1"/],
    [['code', RFC, 'otpauth://hotp/x?secret=ABCD'], /^trayotp: An HOTP account needs its counter/],
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

  it('prints nothing when one URI of several is bad', async () => {
    const result = await cli('code', RFC, 'otpauth://totp/x?secret=1');
    expect(result).toMatchObject({ status: 2, stdout: '' });
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
      counter: 0,
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
          counter: 0,
        },
      ],
      skipped: [],
    });
  });
});

const built = existsSync(`${root}out/main/cli.js`);
if (!built)
  console.warn('skipping the launcher tests: out/main/cli.js is missing; run `npm run build`');

describe.skipIf(!built)('bin/trayotp.js (the built CLI, as npx runs it)', () => {
  const run = promisify(execFile);
  const trayotp = (...args: string[]) =>
    run(process.execPath, [`${root}bin/trayotp.js`, ...args], { cwd: root }).then(
      ({ stdout, stderr }) => ({ status: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({
        status: error.code,
        stdout: error.stdout,
        stderr: error.stderr,
      }),
    );

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
});
