// Auto-lock: after the configured idle time, and on screen lock or suspend (settings). Idle
// time is the system's (no keyboard or mouse anywhere), polled; the platform adapter wires the
// OS events to onScreenLocked / onSuspend.
import type { Clock, TimerHandle } from '../../time/clock';

export interface AutoLockDeps {
  clock: Clock;
  /** Seconds since the last keyboard or mouse input anywhere (powerMonitor.getSystemIdleTime). */
  systemIdleSeconds: () => number;
  settings: () => { autoLockMinutes: number; lockOnScreenLock: boolean };
  isUnlocked: () => boolean;
  lock: (reason: 'idle' | 'screen-lock' | 'suspend') => void;
  /** How often to look at the idle time (default 15 s). */
  pollMs?: number;
}

export class AutoLock {
  #timer: TimerHandle | undefined;

  constructor(private readonly deps: AutoLockDeps) {}

  start(): void {
    this.stop();
    this.#timer = this.deps.clock.setTimeout(() => this.#check(), this.deps.pollMs ?? 15_000);
  }

  stop(): void {
    if (this.#timer) this.deps.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  onScreenLocked(): void {
    if (this.deps.settings().lockOnScreenLock && this.deps.isUnlocked())
      this.deps.lock('screen-lock');
  }

  onSuspend(): void {
    if (this.deps.settings().lockOnScreenLock && this.deps.isUnlocked()) this.deps.lock('suspend');
  }

  #check(): void {
    const minutes = this.deps.settings().autoLockMinutes;
    if (minutes > 0 && this.deps.isUnlocked() && this.deps.systemIdleSeconds() >= minutes * 60) {
      this.deps.lock('idle');
    }
    this.start();
  }
}
