// `trayotp time-check` as a person runs it (node bin/trayotp.js on out/, after `npm run build`),
// against a loopback HTTPS server whose clock we set. The child trusts the test's CA through
// NODE_EXTRA_CA_CERTS, Node's own way to add one, and nothing else does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipWithout } from '../../support/tools';
import { startSkewedServer } from '../time/support/skewed-server';
import type { SkewedServer } from '../time/support/skewed-server';
import { makeTestCa } from '../time/support/test-ca';
import type { TestCa } from '../time/support/test-ca';
import { assertBuilt, root, runBuilt } from './built';

describe.skipIf(skipWithout('openssl'))('the built trayotp time-check', () => {
  let ca: TestCa;
  let server: SkewedServer;
  beforeAll(async () => {
    assertBuilt();
    ca = makeTestCa();
    server = await startSkewedServer(ca);
  });
  afterAll(async () => {
    await server?.close();
    ca?.remove();
  });
  const check = (...args: string[]) =>
    runBuilt(['time-check', '--host', server.host, ...args], {
      env: { NODE_EXTRA_CA_CERTS: ca.caFile },
    });

  it.each([-120, 45])(
    'a server %i s off: --json gives that offset within its uncertainty',
    async (skew) => {
      server.mode = { skewSeconds: skew };
      const run = await check('--json');
      expect(run).toMatchObject({ status: 0, stderr: '' });
      const result = JSON.parse(run.stdout);
      console.log(`built time-check, skew ${skew} s: ${run.stdout.replace(/\s+/g, ' ')}`);
      expect(result).toMatchObject({ host: server.host, correctable: true });
      // Both figures are rounded to the millisecond: 1 ms of slack for that.
      expect(Math.abs(result.offsetSeconds - skew)).toBeLessThanOrEqual(
        result.uncertaintySeconds + 0.001,
      );
      expect(Object.keys(result).sort()).toEqual([
        'correctable',
        'host',
        'offsetSeconds',
        'roundTripMs',
        'serverTime',
        'uncertaintySeconds',
      ]);
    },
  );

  it('−120 s in words, with the --offset to give trayotp code', async () => {
    server.mode = { skewSeconds: -120 };
    const run = await check();
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(
      new RegExp(
        `^${server.host.replace(/\./g, '\\.')}: offset -1(19|20|21)\\.\\d s ± \\d+\\.\\d s \\(round trip \\d+ ms\\): this computer's clock is (2 min|1 min 59 s|2 min 1 s) fast\nto correct codes: trayotp code … --offset -(119|120|121)\n$`,
      ),
    );
  });

  it('+400 s: the figure, then the refusal and status 2', async () => {
    server.mode = { skewSeconds: 400 };
    const run = await check();
    expect(run.status).toBe(2);
    expect(run.stdout).toMatch(
      /: offset \+(399|400|401)\.\d s ± \d+\.\d s .* this computer's clock is 6 min (39|4\d) s slow\n$/,
    );
    expect(run.stderr).toMatch(
      /^trayotp: This computer's clock is 6 min (39|4\d) s slow: more than TrayOTP corrects \(5 minutes\)\. Set the system clock right \(turn on automatic date and time\), then check again\.\n$/,
    );
  });

  it.each([
    [
      { date: 'Tue, 01 Jan 2026 12:00:00' },
      /sent a Date header that is not an HTTP date \("Tue, 01 Jan 2026 12:00:00"\); give another with --host HOST\.\n$/,
    ],
    [
      { noDate: true as const },
      /answered without a Date header, so it cannot tell the time; give another with --host HOST\.\n$/,
    ],
  ])('%j → status 2, one line, nothing on stdout', async (mode, message) => {
    server.mode = mode;
    const run = await check();
    expect(run).toMatchObject({ status: 2, stdout: '' });
    expect(run.stderr).toMatch(message);
    expect(run.stderr.split('\n')).toHaveLength(2);
  });

  it('loads no npm package at all (the command is loaded only when it runs)', async () => {
    server.mode = { skewSeconds: 0 };
    const log = join(ca.caFile, '..', 'loads.txt');
    const run = await runBuilt(['time-check', '--host', server.host], {
      nodeArgs: ['--import', join(root, 'tests/unit/cli/load-recorder.mjs')],
      env: { NODE_EXTRA_CA_CERTS: ca.caFile, TRAYOTP_LOAD_LOG: log },
    });
    expect(run).toMatchObject({ status: 0, stderr: '' });
    const loaded = readFileSync(log, 'utf8').split('\n');
    expect(loaded.filter((url) => url.includes('/node_modules/'))).toEqual([]);
    expect(loaded.some((url) => /cli-time-check-/.test(url))).toBe(true);
  });

  it('code --offset in the built CLI', async () => {
    const uri = 'otpauth://totp/x?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8';
    expect(await runBuilt(['code', uri, '--at', '59', '--offset', '-30'])).toEqual({
      status: 0,
      stdout: '84755224\n',
      stderr: '',
    });
  });
});
