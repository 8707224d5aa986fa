// The window's words for an offset, in Node: the same as main's (the CLI's and the service's
// messages), which the renderer cannot import, so they are compared here over a range.
import { describe, expect, it } from 'vitest';
import { describeOffset } from '../../main/time/correction';
import {
  limitText,
  offsetPhrase,
  preciseOffset,
  uncertaintyText,
} from '../../renderer/src/components/clock/offset-text';

describe('offset texts', () => {
  it('offsetPhrase says what main says, from −4 h to +4 h', () => {
    const values = [0, 49, 50, 99, 100, 9_949, 9_950, 59_499, 59_500, 119_750, 3_600_000];
    for (let ms = -4 * 3_600_000; ms <= 4 * 3_600_000; ms += 7_919) values.push(ms);
    for (const ms of values) {
      expect(offsetPhrase(ms)).toBe(describeOffset(ms));
      expect(offsetPhrase(-ms)).toBe(describeOffset(-ms));
    }
  });

  it.each([
    [-120_240, '120.2 s fast'],
    [45_000, '45.0 s slow'],
    [40, 'on time'],
    [-40, 'on time'],
  ])('preciseOffset(%d) → %s (a direction word, never a bare sign)', (ms, text) =>
    expect(preciseOffset(ms)).toBe(text),
  );

  it.each([
    [540, '± 0.6 s'],
    [500, '± 0.5 s'],
    [1_201, '± 1.3 s'],
  ])('uncertaintyText(%d) → %s (rounded up: never tighter than measured)', (ms, text) =>
    expect(uncertaintyText(ms)).toBe(text),
  );

  it.each([
    [300, '5 minutes'],
    [60, '1 minute'],
    [90, '90 seconds'],
  ])('limitText(%d) → %s', (seconds, text) => expect(limitText(seconds)).toBe(text));
});
