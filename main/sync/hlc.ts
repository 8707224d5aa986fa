// The hybrid logical clock of docs/sync.md § Hybrid logical clock. An HLC is a fixed-width string
// "<wall ms, 13 digits>:<counter, 4 hex>:<device id>", so comparing two HLCs is comparing two
// strings: wall first, then counter, then device id.

export type Hlc = string;

/** Device ids: 16 random bytes, lowercase base32 without padding. */
export const DEVICE_ID = /^[a-z2-7]{26}$/;
export const HLC_PATTERN = /^\d{13}:[0-9a-f]{4}:[a-z2-7]{26}$/;
/**
 * This device's wall clock is held within these when it stamps a change (docs/sync.md § Hybrid
 * logical clock): a clock before 2020 (a dead clock battery) or past 2100 never makes a file that
 * anyone refuses. Files of older versions with walls outside are still read (any 13 digits).
 */
export const MIN_WALL = Date.UTC(2020, 0, 1);
export const MAX_WALL = Date.UTC(2100, 0, 1);
/** The highest wall this device stamps from its own clock: room above it for carries. */
export const MAX_OWN_WALL = MAX_WALL - 24 * 3600_000;
/** A remote wall further ahead of our clock than this is reported (it is still followed). */
export const MAX_SKEW_MS = 5 * 60_000;
const MAX_COUNTER = 0xffff;

export interface HlcParts {
  wall: number;
  counter: number;
  device: string;
}

export function formatHlc({ wall, counter, device }: HlcParts): Hlc {
  return `${String(wall).padStart(13, '0')}:${counter.toString(16).padStart(4, '0')}:${device}`;
}

export function parseHlc(hlc: Hlc): HlcParts {
  return {
    wall: Number(hlc.slice(0, 13)),
    counter: parseInt(hlc.slice(14, 18), 16),
    device: hlc.slice(19),
  };
}

/** Any 13-digit wall is read: a wrong clock never cuts a device off (G3). */
export function isHlc(value: unknown): value is Hlc {
  return typeof value === 'string' && HLC_PATTERN.test(value);
}

/** A wall clock reading held within the range this device stamps. */
export function clampWall(ms: number): number {
  return Math.min(
    Math.max(Number.isFinite(ms) ? Math.trunc(ms) : MIN_WALL, MIN_WALL),
    MAX_OWN_WALL,
  );
}

export function maxHlc(a: Hlc | undefined, b: Hlc | undefined): Hlc | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a > b ? a : b;
}

/** One device's clock: hands out strictly increasing HLCs and follows what it has merged. */
export class HybridClock {
  #last: HlcParts;

  constructor(
    readonly device: string,
    private readonly now: () => number,
    last?: Hlc,
  ) {
    this.#last = last ? parseHlc(last) : { wall: 0, counter: 0, device };
  }

  get last(): Hlc {
    return formatHlc({ ...this.#last, device: this.device });
  }

  /**
   * A new HLC for a local change, greater than every one handed out or received before. `at`
   * is when the change was made, if earlier than now (a vault edit noticed later): the HLC then
   * tells the truth about what the change could have seen.
   */
  next(at?: number): Hlc {
    const now = clampWall(at === undefined ? this.now() : Math.min(at, this.now()));
    if (now > this.#last.wall) {
      this.#last = { wall: now, counter: 0, device: this.device };
    } else if (this.#last.counter < MAX_COUNTER) {
      this.#last = { ...this.#last, counter: this.#last.counter + 1 };
    } else {
      // 65,536 changes in one millisecond of our wall: borrow the next millisecond.
      this.#last = { wall: this.#last.wall + 1, counter: 0, device: this.device };
    }
    return formatHlc({ ...this.#last, device: this.device });
  }

  /**
   * Follows a remote HLC so our next change sorts after it, whatever either wall clock says:
   * causality first (G3). A wall from an older version past MAX_OWN_WALL is followed only up to
   * it, so this device never writes a wall an older reader refuses. Returns how far ahead of
   * our wall clock the remote one is when that is beyond MAX_SKEW_MS (for the skew notice), else 0.
   */
  receive(remote: Hlc): number {
    const parts = parseHlc(remote);
    const ahead = parts.wall - this.now();
    const held = parts.wall > MAX_OWN_WALL ? { wall: MAX_OWN_WALL, counter: 0xffff } : parts;
    const mine = formatHlc({ ...this.#last, device: this.device });
    const followed = formatHlc({ wall: held.wall, counter: held.counter, device: this.device });
    if (followed > mine)
      this.#last = { wall: held.wall, counter: held.counter, device: this.device };
    return ahead > MAX_SKEW_MS ? ahead : 0;
  }
}
