// The hybrid logical clock (docs/sync.md § Hybrid logical clock).
import { describe, expect, it } from 'vitest';
import { formatHlc, HybridClock, isHlc, MAX_SKEW_MS, parseHlc } from '../../../main/sync/hlc';
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

  it('does not follow a clock more than five minutes ahead, and says by how much', () => {
    const clock = new HybridClock(A, () => T0);
    const ahead = formatHlc({ wall: T0 + MAX_SKEW_MS + 1000, counter: 0, device: B });
    expect(clock.receive(ahead)).toBe(MAX_SKEW_MS + 1000);
    expect(parseHlc(clock.next()).wall).toBe(T0);
  });

  it('stamps a change with when it was made, if that is after everything it had seen', () => {
    const clock = new HybridClock(A, () => T0 + 10_000);
    expect(parseHlc(clock.next(T0 + 2000)).wall).toBe(T0 + 2000);
    expect(parseHlc(clock.next(T0 + 1000)).wall).toBe(T0 + 2000); // never back
    expect(parseHlc(clock.next(T0 + 99_000)).wall).toBe(T0 + 10_000); // never ahead of now
  });

  it.each([
    [formatHlc({ wall: T0, counter: 0, device: A }), true],
    [formatHlc({ wall: Date.UTC(2019, 11, 31), counter: 0, device: A }), false],
    [formatHlc({ wall: Date.UTC(2100, 0, 1), counter: 0, device: A }), false],
    ['1764720000000:0000:short', false],
    ['not a clock', false],
  ])('isHlc(%j) is %s', (value, ok) => {
    expect(isHlc(value)).toBe(ok);
  });
});
