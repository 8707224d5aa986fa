// The clock service: the offset in use changes only through a measurement within the limit (in
// 'measured' mode) or the person; a failure or a refusal records what happened and changes
// nothing else; the banner and the Enrol warning follow the uncorrected offset.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCodeHelp } from '../../../main/time/code-help-view';
import { codeHelpView } from '../../../preload/views/code-help';
import { TimeCheckError } from '../../../main/time/errors';
import { measureClockOffset } from '../../../main/time/measure';
import type { ClockMeasurement } from '../../../main/time/offset';
import { ClockService } from '../../../main/time/service';
import { clockSettings, memoryClockSettings } from '../../../main/time/settings';
import { clockStatus } from '../../../preload/views/clock';
import { systemClock } from '../../../main/platform/system-clock';
import { FakeClock } from '../../fakes/clock';
import { skipWithout } from '../../support/tools';
import { startSkewedServer } from './support/skewed-server';
import type { SkewedServer } from './support/skewed-server';
import { makeTestCa } from './support/test-ca';
import type { TestCa } from './support/test-ca';

const T0 = Date.UTC(2026, 0, 1, 12);

function measured(offsetMs: number): ClockMeasurement {
  return {
    host: 'time.example',
    offsetMs,
    uncertaintyMs: 520,
    roundTripMs: 40,
    serverTimeMs: T0 + offsetMs,
    measuredAtMs: T0,
  };
}

function setup(answers: (ClockMeasurement | Error)[]) {
  const clock = new FakeClock(T0);
  const store = memoryClockSettings({ clockCheckHost: 'time.example' });
  const asked: string[] = [];
  const service = new ClockService({
    clock,
    store,
    measure: async (host) => {
      asked.push(host);
      const answer = answers.shift();
      if (!answer) throw new Error('no more answers');
      if (answer instanceof Error) throw answer;
      return answer;
    },
  });
  const events: number[] = [];
  service.subscribe((status) => events.push(status.offsetInUseMs));
  return { clock, store, service, asked, events };
}

describe('ClockService', () => {
  it('starts uncorrected and unchecked: offset 0, no warning, the default host named', () => {
    const service = new ClockService({
      clock: new FakeClock(T0),
      store: memoryClockSettings(),
      measure: () => Promise.reject(new Error('not asked')),
    });
    const status = service.status();
    expect(status).toMatchObject({
      enabled: false,
      host: 'www.google.com',
      defaultHost: 'www.google.com',
      correction: 'off',
      offsetInUseMs: 0,
      limitSeconds: 300,
      warnSeconds: 10,
      lastCheck: null,
      warning: null,
      banner: false,
    });
    expect(clockStatus.parse(status)).toEqual(status);
    expect(service.correctedClock().now()).toBe(T0);
  });

  it('−120 s measured: a banner with the figure; correcting applies it to the clock, and the banner goes', async () => {
    const { service, events } = setup([measured(-120_000)]);
    const status = await service.checkNow();
    expect(status.lastCheck).toEqual({
      outcome: 'measured',
      at: T0,
      host: 'time.example',
      offsetMs: -120_000,
      uncertaintyMs: 520,
      roundTripMs: 40,
    });
    expect(status.offsetInUseMs).toBe(0);
    expect(status.banner).toBe(true);
    expect(status.warning).toEqual({
      offsetMs: -120_000,
      residualMs: -120_000,
      uncertaintyMs: 520,
      host: 'time.example',
      at: T0,
      correctable: true,
      message:
        "This computer's clock is 2 min fast (measured against time.example), so sites may refuse its codes. TrayOTP can correct its codes by that much, or you can set the system clock right.",
    });
    const corrected = service.setCorrection('measured');
    expect(corrected).toMatchObject({ offsetInUseMs: -120_000, warning: null, banner: false });
    expect(service.correctedClock().now()).toBe(T0 - 120_000);
    expect(events.at(-1)).toBe(-120_000);
  });

  it('a failure after that leaves the offset in use as it was and says why', async () => {
    const { service } = setup([
      measured(-120_000),
      new TimeCheckError(
        'bad-date',
        'time.example sent a Date header that is not an HTTP date ("x"); choose another host.',
      ),
      new Error('socket hang up'),
    ]);
    await service.checkNow();
    service.setCorrection('measured');
    const failed = await service.checkNow();
    expect(failed.offsetInUseMs).toBe(-120_000);
    expect(failed.measuredOffsetMs).toBe(-120_000);
    expect(failed.lastCheck).toEqual({
      outcome: 'failed',
      at: T0,
      host: 'time.example',
      code: 'bad-date',
      message:
        'time.example sent a Date header that is not an HTTP date ("x"); choose another host.',
    });
    expect(failed.warning).toBeNull();
    const broken = await service.checkNow();
    expect(broken.lastCheck).toMatchObject({
      code: 'internal',
      message: 'The clock check failed: socket hang up',
    });
    expect(broken.offsetInUseMs).toBe(-120_000);
  });

  it('+400 s: refused, never applied, the banner says to fix the system clock', async () => {
    const { service } = setup([measured(45_000), measured(400_000)]);
    await service.checkNow();
    service.setCorrection('measured');
    const refused = await service.checkNow();
    expect(refused.offsetInUseMs).toBe(45_000);
    expect(refused.lastCheck).toMatchObject({ outcome: 'refused', offsetMs: 400_000 });
    expect(refused.warning).toMatchObject({
      correctable: false,
      residualMs: 355_000,
      message:
        "This computer's clock is 6 min 40 s slow: more than TrayOTP corrects (5 minutes). Set the system clock right (turn on automatic date and time), then check again.",
    });
    expect(refused.banner).toBe(true);
  });

  it('no measurement yet: "measured" correction is refused with a sentence', () => {
    const { service } = setup([]);
    expect(() => service.setCorrection('measured')).toThrow(
      expect.objectContaining({ code: 'no-measurement' }),
    );
  });

  it.each([[301], [-301], [1.5], [Number.NaN]])('a manual offset of %d s is refused', (seconds) => {
    const { service, store } = setup([]);
    expect(() => service.setCorrection('manual', seconds)).toThrow(
      expect.objectContaining({
        code: 'bad-offset',
        message:
          'The offset must be a whole number of seconds from −300 to 300; a clock further off should be set right instead.',
      }),
    );
    expect(store.get().clockCorrection).toBe('off');
  });

  it('a manual offset applies to the clock; a small residual warns no one', async () => {
    const { service } = setup([measured(-95_000)]);
    expect(service.setCorrection('manual', -90).offsetInUseMs).toBe(-90_000);
    expect(service.correctedClock().now()).toBe(T0 - 90_000);
    const status = await service.checkNow();
    expect(status.warning).toBeNull(); // 5 s off the manual figure: within 10 s
    expect(service.setCorrection('off').warning).toMatchObject({ residualMs: -95_000 });
  });

  it('"Not now" hides the banner until the next check; the Enrol warning stays', async () => {
    const { service } = setup([measured(30_000), measured(31_000)]);
    await service.checkNow();
    const dismissed = service.dismissBanner();
    expect(dismissed.banner).toBe(false);
    expect(dismissed.warning).not.toBeNull();
    expect((await service.checkNow()).banner).toBe(true);
  });

  it('the host is validated and stored as written back; checks ask it', async () => {
    const { service, asked } = setup([measured(0)]);
    expect(() => service.setHost('http://time.example')).toThrow(
      expect.objectContaining({ code: 'bad-host' }),
    );
    expect(service.setHost('  HTTPS://Time.Example:8443/x ').host).toBe('time.example:8443');
    await service.checkNow();
    expect(asked).toEqual(['time.example:8443']);
  });

  it('two checks at once share one request', async () => {
    const { service, asked } = setup([measured(1_000)]);
    const [a, b] = await Promise.all([service.checkNow(), service.checkNow()]);
    expect(asked).toHaveLength(1);
    expect(a).toEqual(b);
  });

  it('turned on: checks at once and then daily; wake checks; turned off: no more', async () => {
    const { clock, service, asked } = setup([measured(1_000), measured(2_000), measured(3_000)]);
    service.start(); // off: nothing
    await clock.advance(0);
    expect(asked).toHaveLength(0);
    service.setEnabled(true);
    await clock.advance(0);
    expect(asked).toHaveLength(1);
    await clock.advance(24 * 3600_000);
    expect(asked).toHaveLength(2);
    await clock.advance(3600_000);
    service.wake();
    await clock.advance(0);
    expect(asked).toHaveLength(3);
    service.setEnabled(false);
    service.wake();
    await clock.advance(3 * 24 * 3600_000);
    expect(asked).toHaveLength(3);
  });

  it('settings the service wrote read back through the schema', async () => {
    const { service, store } = setup([measured(-120_000), new TimeCheckError('timeout', 'slow')]);
    await service.checkNow();
    service.setCorrection('measured');
    expect(clockSettings.parse(store.get())).toEqual(store.get());
    await service.checkNow();
    expect(clockSettings.parse(store.get())).toEqual(store.get());
  });
});

describe.skipIf(skipWithout('openssl'))('ClockService with the real request', () => {
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

  it('−120 s from a loopback server corrects the clock; malformed, missing or slow answers change nothing', async () => {
    // Generous for every answer that comes (a loaded machine), short for the one that never does.
    let timeoutMs = 15_000;
    const service = new ClockService({
      clock: systemClock,
      store: memoryClockSettings({ clockCheckHost: server.host }),
      measure: (host) => measureClockOffset({ host, ca: ca.caPem, timeoutMs }),
    });
    const first = await service.checkNow();
    expect(first.lastCheck?.outcome).toBe('measured');
    const inUse = service.setCorrection('measured').offsetInUseMs;
    expect(Math.abs(inUse + 120_000)).toBeLessThanOrEqual(
      (first.lastCheck as { uncertaintyMs: number }).uncertaintyMs,
    );
    for (const mode of [
      { date: 'not a date' },
      { noDate: true as const },
      { neverAnswers: true as const },
    ]) {
      server.mode = mode;
      timeoutMs = 'neverAnswers' in mode ? 300 : 15_000;
      const after = await service.checkNow();
      expect(after.lastCheck?.outcome).toBe('failed');
      expect(after.offsetInUseMs).toBe(inUse);
    }
    server.mode = { skewSeconds: 400 };
    timeoutMs = 15_000;
    const refused = await service.checkNow();
    expect(refused.lastCheck?.outcome).toBe('refused');
    expect(refused.offsetInUseMs).toBe(inUse);
    service.stop();
  });
});

describe('buildCodeHelp', () => {
  const totp = {
    type: 'totp' as const,
    issuer: 'Example',
    name: 'alice',
    secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    algorithm: 'SHA1' as const,
    digits: 8,
    period: 30,
    counter: 0,
  };

  it('TOTP at the corrected time: codes either side, the 6-digit code, the clock', () => {
    const help = buildCodeHelp(totp, 59_000, { offsetInUseMs: -120_000, lastCheck: null });
    expect(codeHelpView.parse(help)).toEqual(help);
    expect(help).toMatchObject({
      offsetInUseMs: -120_000,
      codes: {
        previous: { code: '84755224', from: 0, until: 30_000 },
        current: { code: '94287082' },
        next: { code: '37359152' },
      },
      defaults: { code: '287082', differs: ['8 digits'] },
      hotp: null,
    });
  });

  it('HOTP: five codes from the counter on, no time codes', () => {
    const help = buildCodeHelp({ ...totp, type: 'hotp', digits: 6, counter: 3 }, 59_000, {
      offsetInUseMs: 0,
      lastCheck: null,
    });
    expect(help.codes).toBeNull();
    expect(help.hotp?.map((c) => c.code)).toEqual([
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
    ]);
  });
});
