// The clock check wired into the app (issue 18): the offset in use moves every code (the window's
// list, copies, the hotkey's typing and its fresh-code wait) and is told to the window in its
// state; "Code not accepted?" and an HOTP resync work on the vault; a failed check changes
// nothing. The measurement itself is tested against a loopback HTTPS server in tests/unit/time.
import { describe, expect, it, vi } from 'vitest';
import { codeFor, parseOtpUri } from '../../../../main/otp';
import { memoryClockSettings } from '../../../../main/time/settings';
import { fakeApp, T0 } from '../../../fakes/app';

const GITHUB = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
const BANK =
  'otpauth://hotp/Bank:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Bank&counter=0';
const github = parseOtpUri(GITHUB).account;

async function withClockCheck(offsetMs: number | Error) {
  const measured: string[] = [];
  const fake = await fakeApp({
    title: 'Sign in to GitHub · GitHub',
    clockCheck: {
      store: memoryClockSettings(),
      measure: async (host) => {
        measured.push(host);
        if (offsetMs instanceof Error) throw offsetMs;
        return {
          host,
          offsetMs,
          uncertaintyMs: 500,
          roundTripMs: 20,
          serverTimeMs: T0 + offsetMs,
          measuredAtMs: T0,
        };
      },
    },
  });
  await fake.app.session.create();
  const { account } = await fake.app.adding.addUri(GITHUB);
  return { ...fake, measured, id: account.id };
}

describe('the clock check in the app', () => {
  it('a measured offset, once the person applies it, moves every code and is in the state', async () => {
    const { app, clock, clipboard, id, states } = await withClockCheck(-120_000);
    const status = await app.clockCheck.service.checkNow();
    expect(status.warning).toMatchObject({ offsetMs: -120_000, correctable: true });
    expect(status.banner).toBe(true);
    // The window hears of it: the status comes with the next state pushed.
    await vi.waitFor(() => expect(states().at(-1)!.clock.warning?.offsetMs).toBe(-120_000));
    // Not applied yet: codes at the system time.
    expect(app.codes.list()[0]!.code).toBe(codeFor(github, clock.now() / 1000));

    app.clockCheck.service.setCorrection('measured');
    await vi.waitFor(() => expect(states().at(-1)!.clock.offsetInUseMs).toBe(-120_000));
    const [view] = app.codes.list();
    const corrected = clock.now() - 120_000;
    expect(view!.code).toBe(codeFor(github, corrected / 1000));
    // The countdown is given in system time, which is what the window counts with.
    const period = 30_000;
    expect(view!.validUntil! - clock.now()).toBe(period - (corrected % period));
    await app.codes.copy(id);
    expect(clipboard.text).toBe(codeFor(github, corrected / 1000));
  });

  it('the hotkey types the corrected code, waiting by the corrected clock', async () => {
    const { app, clock, typer } = await withClockCheck(0);
    app.clockCheck.service.setCorrection('manual', 20);
    // 8 s left on the system clock, but only 1 s by the corrected one: the hotkey waits.
    await clock.advance(30_000 - (clock.now() % 30_000) - 8_000);
    const typing = app.typing.typeCurrentCode();
    await clock.advance(1_000);
    expect(await typing).toBe('typed');
    expect(typer.typed[0]!.text).toBe(codeFor(github, (clock.now() + 20_000) / 1000));
  });

  it('a failed check, or one beyond the limit, leaves the offset in use alone', async () => {
    const beyond = await withClockCheck(400_000);
    beyond.app.clockCheck.service.setCorrection('manual', 5);
    const refused = await beyond.app.clockCheck.service.checkNow();
    expect(refused.lastCheck?.outcome).toBe('refused');
    expect(refused.offsetInUseMs).toBe(5_000);
    expect(refused.warning).toMatchObject({ correctable: false });

    const failing = await withClockCheck(new Error('network down'));
    const failed = await failing.app.clockCheck.service.checkNow();
    expect(failed.lastCheck).toMatchObject({ outcome: 'failed' });
    expect(failed.offsetInUseMs).toBe(0);
    await expect(failing.table.invoke('clockSetCorrection', ['measured'])).resolves.toMatchObject({
      ok: false,
      error: { code: 'no-measurement' },
    });
  });

  it('"Code not accepted?" shows the codes around now; an HOTP resync moves the counter past', async () => {
    const { app, clock, id } = await withClockCheck(0);
    const help = app.clockCheck.codeHelp(id);
    expect(help.codes?.current.code).toBe(codeFor(github, clock.now() / 1000));
    expect(help.codes?.previous?.code).toBe(codeFor(github, clock.now() / 1000 - 30));
    const bank = (await app.adding.addUri(BANK)).account;
    const before = app.clockCheck.codeHelp(bank.id);
    expect(before.hotp?.map((c) => c.code).slice(0, 2)).toEqual(['755224', '287082']); // RFC 4226
    const after = await app.clockCheck.hotpResync(bank.id, 1);
    expect(after.counter).toBe(2);
    expect((await app.codes.nextHotp(bank.id)).code).toBe('359152'); // counter 2
    await expect(app.clockCheck.hotpResync(bank.id, 0)).rejects.toMatchObject({
      code: 'invalid-counter',
    });
  });
});
