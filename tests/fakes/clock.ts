// A clock the test moves by hand. `advance` fires due timers in time order, letting awaiting
// code run between them, so async use cases see time pass exactly as the test says.
import type { Clock, TimerHandle } from '../../main/time/clock';

interface Timer {
  id: number;
  due: number;
  callback: () => void;
}

/** Lets pending promise chains run (setImmediate runs after all queued microtasks). */
export const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

export class FakeClock implements Clock {
  private timers: Timer[] = [];
  private nextId = 1;

  constructor(private current: number) {}

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const timer = { id: this.nextId++, due: this.current + Math.max(0, ms), callback };
    this.timers.push(timer);
    return { timer: timer.id };
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers = this.timers.filter((t) => t.id !== handle.timer);
  }

  /** Milliseconds until each pending timer fires, soonest first. */
  pending(): number[] {
    return this.timers.map((t) => t.due - this.current).sort((a, b) => a - b);
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    for (;;) {
      await settle();
      const next = [...this.timers].sort((a, b) => a.due - b.due || a.id - b.id)[0];
      if (!next || next.due > target) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.current = next.due;
      next.callback();
    }
    this.current = target;
    await settle();
  }
}
