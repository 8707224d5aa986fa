// When the clock is checked again by itself (only while the person has turned checking on): at
// most once a day, counted from the last attempt (so a failing host is not hammered), and on wake
// from sleep, when a suspended machine's clock is most likely off. Pure: the clock is injected.
import type { Clock, TimerHandle } from './clock';
import { CLOCK_LIMITS } from './limits';

export interface RecheckDeps {
  clock: Clock;
  /** Unix ms of the last check that was started (by anyone), null if none ever was. */
  lastAttemptAt: () => number | null;
  /** Runs one check; must record its attempt before it resolves. Never rejects. */
  check: () => Promise<void>;
  intervalMs?: number;
  wakeGapMs?: number;
}

export class RecheckScheduler {
  private timer: TimerHandle | null = null;
  private running = false;
  private inFlight = false;

  constructor(private readonly deps: RecheckDeps) {}

  private get intervalMs(): number {
    return this.deps.intervalMs ?? CLOCK_LIMITS.recheckMs;
  }

  /** Starts the daily rhythm: a check now if the last one is a day old (or never was). */
  start(): void {
    this.running = true;
    this.schedule();
  }

  stop(): void {
    this.running = false;
    this.cancel();
  }

  /** The machine woke from sleep: check now, unless a check started moments ago. */
  wake(): void {
    if (!this.running) return;
    const last = this.deps.lastAttemptAt();
    const gap = this.deps.wakeGapMs ?? CLOCK_LIMITS.wakeGapMs;
    const since = last === null ? Infinity : this.deps.clock.now() - last;
    if (since >= 0 && since < gap) return;
    void this.run();
  }

  /** Call after a check started elsewhere (Check now), so the next one is a day after it. */
  reschedule(): void {
    if (this.running) this.schedule();
  }

  private schedule(): void {
    this.cancel();
    const last = this.deps.lastAttemptAt();
    const now = this.deps.clock.now();
    // A last attempt in the future means the clock was set back since: check now, as on wake.
    const due = last === null || last > now ? now : last + this.intervalMs;
    this.timer = this.deps.clock.setTimeout(
      () => {
        this.timer = null;
        void this.run();
      },
      Math.max(0, due - now),
    );
  }

  private cancel(): void {
    if (this.timer) this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private async run(): Promise<void> {
    if (this.inFlight || !this.running) return;
    this.inFlight = true;
    this.cancel();
    try {
      await this.deps.check();
    } finally {
      this.inFlight = false;
      if (this.running) this.schedule();
    }
  }
}
