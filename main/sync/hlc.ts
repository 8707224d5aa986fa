// The hybrid logical clock of docs/sync.md § Hybrid logical clock. An HLC is a fixed-width string
// "<wall ms, 13 digits>:<counter, 4 hex>:<device id>", so comparing two HLCs is comparing two
// strings: wall first, then counter, then device id.

export type Hlc = string;

/** Device ids: 16 random bytes, lowercase base32 without padding. */
export const DEVICE_ID = /^[a-z2-7]{26}$/;
export const HLC_PATTERN = /^\d{13}:[0-9a-f]{4}:[a-z2-7]{26}$/;
/** Walls outside these are refused as part of a file's bounds (docs/sync.md § Bounds). */
export const MIN_WALL = Date.UTC(2020, 0, 1);
export const MAX_WALL = Date.UTC(2100, 0, 1);
/** Remote walls further ahead of our clock than this do not pull our clock forward. */
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

export function isHlc(value: unknown): value is Hlc {
  if (typeof value !== 'string' || !HLC_PATTERN.test(value)) return false;
  const wall = Number(value.slice(0, 13));
  return wall >= MIN_WALL && wall < MAX_WALL;
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
    const now = at === undefined ? this.now() : Math.min(at, this.now());
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
   * Follows a remote HLC so our next change sorts after it. Returns how far ahead of our wall
   * clock it is when that is beyond MAX_SKEW_MS (then it is not followed), else 0.
   */
  receive(remote: Hlc): number {
    const parts = parseHlc(remote);
    const ahead = parts.wall - this.now();
    if (ahead > MAX_SKEW_MS) return ahead;
    const mine = formatHlc({ ...this.#last, device: this.device });
    if (remote > mine)
      this.#last = { wall: parts.wall, counter: parts.counter, device: this.device };
    return 0;
  }
}
