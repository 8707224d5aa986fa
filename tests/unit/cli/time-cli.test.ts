// trayotp code --offset, vault code --offset and time-check, in-process through runCli. The
// successful time-check needs a trusted certificate, which only a child process given
// NODE_EXTRA_CA_CERTS has (time-check-built.test.ts); here: its errors and refusals.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Vault } from '../../../main/vault';
import { runCapturing } from '../../support/cli';
import { skipWithout } from '../../support/tools';
import { startSkewedServer } from '../time/support/skewed-server';
import type { SkewedServer } from '../time/support/skewed-server';
import { makeTestCa } from '../time/support/test-ca';
import type { TestCa } from '../time/support/test-ca';
import { CHEAP, PASSPHRASE, fixedClock, tempFolder } from '../vault/helpers';

// RFC 6238's SHA-1 key, 8 digits: counters 0, 1, 2 are 84755224, 94287082, 37359152.
const RFC = 'otpauth://totp/RFC:rfc6238?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8';
const cli = (...argv: string[]) => runCapturing(argv, { now: 59 });

describe('trayotp code --offset', () => {
  it.each([
    [['--at', '59', '--offset', '-30'], '84755224'], // 29: the period before
    [['--at', '59', '--offset', '+1'], '37359152'], // 60: the next period starts
    [['--at', '59', '--offset', '0.999'], '94287082'], // 59.999: still the same period
    [['--at', '29', '--offset', '30'], '94287082'],
    [['--offset', '-29'], '94287082'], // now (59) − 29 = 30
    [['--offset', '-30'], '84755224'],
    [['--offset=-300', '--at', '329'], '84755224'],
  ])('%j → %s', async (args, code) => {
    expect(await cli('code', RFC, ...args)).toEqual({ status: 0, stdout: `${code}\n`, stderr: '' });
  });

  it.each([
    [['--offset', 'soon'], 'trayotp: --offset takes seconds (such as -120 or 45.5), not "soon"\n'],
    [['--offset', '1e3'], 'trayotp: --offset takes seconds (such as -120 or 45.5), not "1e3"\n'],
    [
      ['--offset', '301'],
      'trayotp: --offset must be within ±300 seconds; a clock further off should be set right (turn on automatic date and time)\n',
    ],
    [
      ['--offset', '-300.5'],
      'trayotp: --offset must be within ±300 seconds; a clock further off should be set right (turn on automatic date and time)\n',
    ],
    [['--at', '10', '--offset', '-11'], 'trayotp: --at with --offset must not be before 1970\n'],
  ])('%j → status 2 and one line', async (args, stderr) => {
    expect(await cli('code', RFC, ...args)).toEqual({ status: 2, stdout: '', stderr });
  });
});

describe('trayotp vault code --offset', () => {
  it('corrects the time of the code, and is refused with other actions', async () => {
    const path = join(await tempFolder(), 'vault.trayotp');
    await Vault.create(path, { clock: fixedClock(), passphrase: PASSPHRASE, ...CHEAP });
    const run = (...argv: string[]) =>
      runCapturing(['vault', ...argv, '--vault', path], {
        env: { TRAYOTP_PASSPHRASE: PASSPHRASE },
        now: 59,
      });
    expect((await run('add', RFC)).status).toBe(0);
    expect(await run('code', 'RFC:rfc6238', '--offset', '-30')).toEqual({
      status: 0,
      stdout: '84755224\n',
      stderr: '',
    });
    expect((await run('code', 'RFC:rfc6238', '--offset', '1')).stdout).toBe('37359152\n');
    expect((await run('code', 'RFC:rfc6238', '--at', '29', '--offset', '30')).stdout).toBe(
      '94287082\n',
    );
    expect(await run('list', '--offset', '5')).toEqual({
      status: 2,
      stdout: '',
      stderr: 'trayotp: --offset goes with `vault code` only\n',
    });
    expect((await run('code', 'RFC:rfc6238', '--offset', '400')).stderr).toMatch(
      /^trayotp: --offset must be within ±300 seconds/,
    );
  });
});

describe('trayotp time-check: bad input', () => {
  it.each([
    [
      ['--host', 'http://example.org'],
      'trayotp: The clock is checked over HTTPS only; give an https:// address or a host name.\n',
    ],
    [
      ['--host', 'exa mple.org'],
      'trayotp: "exa mple.org" is not a host name; give one such as www.google.com.\n',
    ],
    [
      ['example.org'],
      'trayotp: time-check takes no arguments; usage: trayotp time-check [--host HOST] [--json]\n',
    ],
    [
      ['--bogus'],
      "trayotp: Unknown option '--bogus'; usage: trayotp time-check [--host HOST] [--json]\n",
    ],
  ])('%j → status 2 and one line', async (args, stderr) => {
    expect(await cli('time-check', ...args)).toEqual({ status: 2, stdout: '', stderr });
  });
});

describe.skipIf(skipWithout('openssl'))('trayotp time-check against a loopback server', () => {
  let ca: TestCa;
  let server: SkewedServer;
  beforeAll(async () => {
    ca = makeTestCa();
    server = await startSkewedServer(ca, { skewSeconds: -120 });
  });
  afterAll(async () => {
    await server?.close();
    ca?.remove();
  });

  it('a certificate this process does not trust: no offset, one line saying why', async () => {
    const run = await cli('time-check', '--host', server.host);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      new RegExp(
        `^trayotp: 127\\.0\\.0\\.1:${server.port}'s certificate is not trusted \\(\\w+\\), so its time is not used\\. On a network that inspects HTTPS, choose a host it lets through\\.\n$`,
      ),
    );
  });
});
