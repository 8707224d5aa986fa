// The clock check's Date header parser (issue 24): the three forms RFC 9110 §5.6.7 has
// recipients accept, each strictly (exact spacing, names, two-digit fields) and range-checked
// (a day the month has, 00–23 h, 00–59 min, second 60 only as a leap second at 23:59:60).
import { describe, expect, it } from 'vitest';
import { parseHttpDate } from '../../../main/time/http-date';

const NOW = Date.UTC(2026, 11, 7, 12, 0, 0);

describe('parseHttpDate: range checks', () => {
  it.each([
    ['Mon, 37 Nov 2026 23:59:60 GMT'],
    ['Mon, 37 Nov 2026 24:00:60 GMT'],
    ['Mon, 00 Nov 2026 10:00:00 GMT'],
    ['Sun, 31 Nov 1994 23:59:60 GMT'],
    ['Sun, 06 Nov 1994 08:49:60 GMT'], // a leap second comes only at 23:59:60
    ['Sunday, 37-Nov-94 08:49:37 GMT'],
    ['Sun Nov 37 08:49:37 1994'],
    ['Sun Nov  6 24:49:37 1994'],
  ])('%j → null', (text) => expect(parseHttpDate(text, NOW)).toBeNull());

  it('a leap second at 23:59:60 of a real day is the next day’s first second', () => {
    expect(parseHttpDate('Wed, 31 Dec 2036 23:59:60 GMT', NOW)).toBe(Date.UTC(2037, 0, 1));
  });
});

describe('parseHttpDate: the obsolete forms RFC 9110 has recipients accept', () => {
  it.each([
    ['Sunday, 06-Nov-94 08:49:37 GMT', Date.UTC(1994, 10, 6, 8, 49, 37)],
    // Two-digit years: more than 50 years ahead means the century before.
    ['Thursday, 01-Jan-76 00:00:00 GMT', Date.UTC(2076, 0, 1)],
    ['Friday, 01-Jan-77 00:00:00 GMT', Date.UTC(1977, 0, 1)],
    ['Sun Nov  6 08:49:37 1994', Date.UTC(1994, 10, 6, 8, 49, 37)],
    ['Thu Dec 17 08:49:37 2026', Date.UTC(2026, 11, 17, 8, 49, 37)],
  ])('%j → %d', (text, ms) => expect(parseHttpDate(text, NOW)).toBe(ms));

  it.each([
    ['Sunday, 06-Nov-1994 08:49:37 GMT'],
    ['Sun, 06-Nov-94 08:49:37 GMT'],
    ['Sunday, 6-Nov-94 08:49:37 GMT'],
    ['Sun Nov 6 08:49:37 1994'],
    ['Sun Nov  6 08:49:37 1994 GMT'],
    ['Sun Nov 06 08:49:37 1994'],
    ['sun Nov  6 08:49:37 1994'],
  ])('%j (not quite the form) → null', (text) => expect(parseHttpDate(text, NOW)).toBeNull());
});
