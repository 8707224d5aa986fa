// The hybrid logical clock (docs/sync.md § Hybrid logical clock).
import { describe, expect, it } from 'vitest';
import {
  formatHlc,
  HybridClock,
  isHlc,
  MAX_OWN_WALL,
  MAX_SKEW_MS,
  MIN_WALL,
  parseHlc,
} from '../../../main/sync/hlc';
import { T0, deviceId } from './simulation';

const A = deviceId(0);
const B = deviceId(1);

describe('HybridClock', () => {
  it('hands out strictly increasing HLCs, even when the wall clock stands still or goes back', () => {
    let now = T0;
    const clock = new HybridClock(A, () => now);
    const first = clock.next();
    const second = clock.next();
    now -= 60_000; // the system clock was set back
    const third = clock.next();
    expect(first < second && second < third).toBe(true);
    expect(parseHlc(third)).toEqual({ wall: T0, counter: 2, device: A });
  });

  it('orders a change after what it has merged, even from a device whose clock is ahead', () => {
    const clock = new HybridClock(A, () => T0);
    expect(clock.receive(formatHlc({ wall: T0 + 60_000, counter: 3, device: B }))).toBe(0);
    expect(clock.next()).toBe(formatHlc({ wall: T0 + 60_000, counter: 4, device: A }));
  });

  // Issue 22, behaviour 3 (G3): failed before ("expected false to be true"): a clock more than
  // five minutes ahead was not followed, so an edit made after seeing its change lost to it.
  it('follows a clock more than five minutes ahead (causality first), and says by how much', () => {
    const clock = new HybridClock(A, () => T0);
    const ahead = formatHlc({ wall: T0 + MAX_SKEW_MS + 1000, counter: 0, device: B });
    expect(clock.receive(ahead)).toBe(MAX_SKEW_MS + 1000);
    expect(clock.next() > ahead).toBe(true);
    expect(parseHlc(clock.next()).wall).toBe(T0 + MAX_SKEW_MS + 1000);
  });

  it('an edit after seeing a change dated ten years ahead still wins, and the field is not frozen', () => {
    const clock = new HybridClock(A, () => T0);
    const future = formatHlc({ wall: T0 + 10 * 365 * 86_400_000, counter: 0xffff, device: B });
    clock.receive(future);
    const edits = Array.from({ length: 3 }, () => clock.next());
    expect(edits.every((e) => e > future)).toBe(true);
    expect(edits[0]! < edits[1]! && edits[1]! < edits[2]!).toBe(true);
  });

  // G3: these failed before (a wall past 2100 or before 2020 was written, and every reader refused it).
  it.each([
    ['past 2100', Date.UTC(2150, 0, 1), MAX_OWN_WALL],
    ['before 2020 (a dead clock battery)', 0, MIN_WALL],
  ])('a clock %s is held within the range every reader accepts', (_, now, wall) => {
    const clock = new HybridClock(A, () => now);
    const at = clock.next();
    expect(parseHlc(at).wall).toBe(wall);
    expect(isHlc(at)).toBe(true);
  });

  it('after a restart, goes on above the HLC it had handed out, even with its clock set back', () => {
    const before = new HybridClock(A, () => T0 + 60_000);
    const last = before.next();
    const after = new HybridClock(A, () => T0, last);
    expect(after.next() > last).toBe(true);
  });

  it('stamps a change with when it was made, if that is after everything it had seen', () => {
    const clock = new HybridClock(A, () => T0 + 10_000);
    expect(parseHlc(clock.next(T0 + 2000)).wall).toBe(T0 + 2000);
    expect(parseHlc(clock.next(T0 + 1000)).wall).toBe(T0 + 2000); // never back
    expect(parseHlc(clock.next(T0 + 99_000)).wall).toBe(T0 + 10_000); // never ahead of now
  });

  it.each([
    [formatHlc({ wall: T0, counter: 0, device: A }), true],
    // Files an older version wrote with a wrong clock are read (G3: never cut a device off).
    [formatHlc({ wall: Date.UTC(2019, 11, 31), counter: 0, device: A }), true],
    [formatHlc({ wall: Date.UTC(2100, 0, 1), counter: 0, device: A }), true],
    ['1764720000000:0000:short', false],
    ['not a clock', false],
  ])('isHlc(%j) is %s', (value, ok) => {
    expect(isHlc(value)).toBe(ok);
  });
});
