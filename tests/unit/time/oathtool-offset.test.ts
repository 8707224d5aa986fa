// Codes under an offset against oathtool run with the shifted time (--now=@T+offset): through the
// service's corrected Clock (what the app computes codes with) and `trayotp code --offset`, at
// period boundaries (the last second of a period, its first, one after) for the offsets of the
// issue's reports: 2 minutes slow, 45 s fast, 88 s behind, the ±300 s limit.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { codeFor, parseOtpUri } from '../../../main/otp';
import { offsetClock } from '../../../main/time/offset-clock';
import { FakeClock } from '../../fakes/clock';
import { runCapturing } from '../../support/cli';
import { skipWithout } from '../../support/tools';

const run = promisify(execFile);

const ACCOUNTS = [
  'otpauth://totp/A:a?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  'otpauth://totp/B:b?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&algorithm=SHA256&digits=8&period=60',
  'otpauth://totp/C:c?secret=KRUGKIDROVUWG2ZAMJZG653OEBTG66BAJJ2W24DTEBXXMZLSEB2GQZJANRQXU6JAMRXWOLQ&algorithm=SHA512&digits=7&period=15',
];
const OFFSETS = [120, -45, -88, 300, -300];
const BASE = 1_764_720_000; // a multiple of 60 (and so of 15 and 30)

/** Times whose shifted value is the last second of a period, its start and the second after. */
function boundaryTimes(offset: number, period: number): number[] {
  const boundary = BASE + 7 * period;
  return [boundary - 1, boundary, boundary + 1].map((shifted) => shifted - offset);
}

async function oathtool(uri: string, shifted: number): Promise<string> {
  const { account } = parseOtpUri(uri);
  const { stdout } = await run('oathtool', [
    `--totp=${account.algorithm.toLowerCase()}`,
    '--base32',
    `--digits=${account.digits}`,
    `--time-step-size=${account.period}s`,
    `--now=@${shifted}`,
    account.secret,
  ]);
  return stdout.trim();
}

describe.skipIf(skipWithout('oathtool'))(
  'codes under an offset = oathtool at the shifted time',
  () => {
    const cases = ACCOUNTS.flatMap((uri) =>
      OFFSETS.flatMap((offset) =>
        boundaryTimes(offset, parseOtpUri(uri).account.period).map(
          (time) => [uri.slice(16, 17), offset, time, uri] as const,
        ),
      ),
    );

    it.each(cases)('account %s, offset %i s, system time %i', async (_name, offset, time, uri) => {
      const expected = await oathtool(uri, time + offset);
      const clock = offsetClock(new FakeClock(time * 1000), () => offset * 1000);
      const { account } = parseOtpUri(uri);
      expect(codeFor(account, clock.now() / 1000)).toBe(expected);
      const cli = await runCapturing(['code', uri, '--offset', String(offset)], { now: time });
      expect(cli).toEqual({ status: 0, stdout: `${expected}\n`, stderr: '' });
    });

    it('the offset matters: uncorrected, the codes at these times are not the shifted ones', async () => {
      const uri = ACCOUNTS[0]!;
      const time = boundaryTimes(120, 30)[1]!;
      const shifted = await oathtool(uri, time + 120);
      expect(codeFor(parseOtpUri(uri).account, time)).not.toBe(shifted);
    });
  },
);
