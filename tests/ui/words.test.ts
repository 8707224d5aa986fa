// The window's counts in words, in Node: "1 second", never "1 seconds" (issue 25: the Enrol view
// said "1 seconds left").
import { describe, expect, it } from 'vitest';
import { ago } from '../../renderer/src/components/sync/sync-text';
import { plural } from '../../renderer/src/lib/plural';

describe('plural', () => {
  it.each([
    [0, 'second', '0 seconds'],
    [1, 'second', '1 second'],
    [2, 'second', '2 seconds'],
    [1, 'entry', '1 entry'],
    [3, 'entry', '3 entries', 'entries'],
  ])('%d %s → %s', (count, one, text, other?: string) =>
    expect(plural(count, one, other)).toBe(text),
  );

  it('sync says "1 minute ago", "1 hour ago", "1 day ago"', () => {
    const now = 10 * 86_400_000;
    expect(ago(now - 60_000, now)).toBe('1 minute ago');
    expect(ago(now - 3_600_000, now)).toBe('1 hour ago');
    expect(ago(now - 86_400_000, now)).toBe('1 day ago');
    expect(ago(now - 2 * 86_400_000, now)).toBe('2 days ago');
  });
});
