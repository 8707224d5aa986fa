// The clock check as the app uses it: measure on request or on its rhythm, keep the offset in
// use (which only a successful measurement within the limit, or the person, changes), and say
// when codes are likely refused. Electron-free: the clock, the store and the request are ports.
import type { Clock } from './clock';
import { correctionFor, describeOffset } from './correction';
import { TimeCheckError } from './errors';
import { parseClockHost } from './host';
import { CLOCK_LIMITS, DEFAULT_CLOCK_HOST } from './limits';
import type { ClockMeasurement } from './offset';
import { offsetClock } from './offset-clock';
import { RecheckScheduler } from './scheduler';
import type {
  ClockCorrectionMode,
  ClockStatus,
  ClockWarning,
  LastClockCheck,
} from '../../preload/views/clock';
import type { ClockSettingsStore } from './settings';

export interface ClockServiceDeps {
  /** The system clock: timers, and the time each check is recorded at. */
  clock: Clock;
  store: ClockSettingsStore;
  /** One measurement of the host (measureClockOffset in the app). */
  measure: (host: string) => Promise<ClockMeasurement>;
  limitSeconds?: number;
  warnSeconds?: number;
}

export class ClockService {
  private readonly scheduler: RecheckScheduler;
  private readonly listeners = new Set<(status: ClockStatus) => void>();
  private inFlight: Promise<ClockStatus> | null = null;
  private dismissed = false;
  private readonly limitSeconds: number;
  private readonly warnSeconds: number;

  constructor(private readonly deps: ClockServiceDeps) {
    this.limitSeconds = deps.limitSeconds ?? CLOCK_LIMITS.maxCorrectionSeconds;
    this.warnSeconds = deps.warnSeconds ?? CLOCK_LIMITS.warnSeconds;
    this.scheduler = new RecheckScheduler({
      clock: deps.clock,
      lastAttemptAt: () => deps.store.get().clockLastCheck?.at ?? null,
      check: async () => {
        await this.checkNow();
      },
    });
  }

  /** Starts the daily and on-wake checks if the person turned checking on. */
  start(): void {
    if (this.deps.store.get().clockCheckEnabled) this.scheduler.start();
  }

  stop(): void {
    this.scheduler.stop();
  }

  /** The machine woke from sleep (powerMonitor 'resume'). */
  wake(): void {
    this.scheduler.wake();
  }

  /** The offset added to the system clock for codes, in ms. */
  offsetMs(): number {
    const settings = this.deps.store.get();
    switch (settings.clockCorrection) {
      case 'off':
        return 0;
      case 'manual':
        return settings.clockManualOffsetSeconds * 1000;
      case 'measured':
        return settings.clockMeasuredOffsetMs ?? 0;
    }
  }

  /** The Clock every code, countdown and fresh-code wait should use. */
  correctedClock(): Clock {
    return offsetClock(this.deps.clock, () => this.offsetMs());
  }

  /** One check now (Settings → Check now, or the rhythm). Never rejects; the outcome is in lastCheck. */
  checkNow(): Promise<ClockStatus> {
    if (this.inFlight) return this.inFlight;
    this.inFlight = this.runCheck().finally(() => {
      this.inFlight = null;
      this.emit();
    });
    this.emit();
    return this.inFlight;
  }

  private async runCheck(): Promise<ClockStatus> {
    const { clockCheckHost: host } = this.deps.store.get();
    const at = this.deps.clock.now();
    let last: LastClockCheck;
    let accepted: number | undefined;
    try {
      const measured = await this.deps.measure(host);
      const figures = {
        at,
        host: measured.host,
        offsetMs: measured.offsetMs,
        uncertaintyMs: measured.uncertaintyMs,
        roundTripMs: measured.roundTripMs,
      };
      const correction = correctionFor(measured.offsetMs, this.limitSeconds);
      if (correction.kind === 'apply') {
        last = { outcome: 'measured', ...figures };
        accepted = measured.offsetMs;
      } else {
        last = { outcome: 'refused', ...figures, message: correction.message };
      }
    } catch (error) {
      const typed =
        error instanceof TimeCheckError
          ? error
          : new TimeCheckError(
              'internal',
              `The clock check failed: ${(error as Error)?.message ?? error}`,
            );
      last = { outcome: 'failed', at, host, code: typed.code, message: typed.message };
    }
    // A failure or a refusal records what happened and leaves the offset in use as it was.
    this.deps.store.set(
      accepted === undefined
        ? { clockLastCheck: last }
        : { clockLastCheck: last, clockMeasuredOffsetMs: accepted },
    );
    this.dismissed = false;
    this.scheduler.reschedule();
    return this.status();
  }

  setEnabled(enabled: boolean): ClockStatus {
    this.deps.store.set({ clockCheckEnabled: enabled });
    if (enabled) this.scheduler.start();
    else this.scheduler.stop();
    return this.changed();
  }

  /** Throws TimeCheckError('bad-host') with a sentence for the person. */
  setHost(host: string): ClockStatus {
    this.deps.store.set({ clockCheckHost: parseClockHost(host).text });
    return this.changed();
  }

  /**
   * Which offset the codes use. 'measured' needs a measurement within the limit; 'manual' takes
   * whole seconds within it (positive: this computer is slow).
   */
  setCorrection(mode: ClockCorrectionMode, manualOffsetSeconds?: number): ClockStatus {
    const settings = this.deps.store.get();
    if (mode === 'measured' && settings.clockMeasuredOffsetMs === null) {
      throw new TimeCheckError(
        'no-measurement',
        'There is no measured offset to apply yet; check the clock first.',
      );
    }
    if (mode === 'manual') {
      const seconds = manualOffsetSeconds ?? settings.clockManualOffsetSeconds;
      if (!Number.isInteger(seconds) || Math.abs(seconds) > this.limitSeconds) {
        throw new TimeCheckError(
          'bad-offset',
          `The offset must be a whole number of seconds from −${this.limitSeconds} to ${this.limitSeconds}; a clock further off should be set right instead.`,
        );
      }
      this.deps.store.set({ clockCorrection: mode, clockManualOffsetSeconds: seconds });
    } else {
      this.deps.store.set({ clockCorrection: mode });
    }
    return this.changed();
  }

  /** "Not now" on the banner: hidden until the next check. */
  dismissBanner(): ClockStatus {
    this.dismissed = true;
    return this.changed();
  }

  subscribe(listener: (status: ClockStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  status(): ClockStatus {
    const settings = this.deps.store.get();
    const warning = this.warning(settings.clockLastCheck);
    return {
      enabled: settings.clockCheckEnabled,
      host: settings.clockCheckHost,
      defaultHost: DEFAULT_CLOCK_HOST,
      correction: settings.clockCorrection,
      manualOffsetSeconds: settings.clockManualOffsetSeconds,
      measuredOffsetMs: settings.clockMeasuredOffsetMs,
      offsetInUseMs: this.offsetMs(),
      limitSeconds: this.limitSeconds,
      warnSeconds: this.warnSeconds,
      checking: this.inFlight !== null,
      lastCheck: settings.clockLastCheck,
      warning,
      banner: warning !== null && !this.dismissed,
    };
  }

  private warning(last: LastClockCheck | null): ClockWarning | null {
    if (!last || last.outcome === 'failed') return null;
    const residualMs = last.offsetMs - this.offsetMs();
    if (last.outcome === 'measured' && Math.abs(residualMs) <= this.warnSeconds * 1000) return null;
    const correctable = last.outcome === 'measured';
    return {
      offsetMs: last.offsetMs,
      residualMs,
      uncertaintyMs: last.uncertaintyMs,
      host: last.host,
      at: last.at,
      correctable,
      message: correctable
        ? `This computer's clock is ${describeOffset(last.offsetMs)} (measured against ${last.host}), so sites may refuse its codes. TrayOTP can correct its codes by that much, or you can set the system clock right.`
        : last.message,
    };
  }

  private changed(): ClockStatus {
    this.emit();
    return this.status();
  }

  private emit(): void {
    const status = this.status();
    for (const listener of this.listeners) listener(status);
  }
}
