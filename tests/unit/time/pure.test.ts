// The clock check's pure parts, as tables: the Date header, the host a person types, the offset
// and its uncertainty from one request's times, and what TrayOTP does with an offset.
import { describe, expect, it } from 'vitest';
import { correctionFor, describeOffset } from '../../../main/time/correction';
import { parseClockHost } from '../../../main/time/host';
import { parseHttpDate } from '../../../main/time/http-date';
import { offsetFromSample } from '../../../main/time/offset';

describe('parseHttpDate (RFC 9110 IMF-fixdate; the obsolete forms in http-date.test.ts)', () => {
  it.each([
    ['Sun, 06 Nov 1994 08:49:37 GMT', Date.UTC(1994, 10, 6, 8, 49, 37)],
    ['Thu, 03 Dec 2026 00:18:33 GMT', Date.UTC(2026, 11, 3, 0, 18, 33)],
    ['Mon, 29 Feb 2044 23:59:59 GMT', Date.UTC(2044, 1, 29, 23, 59, 59)],
    // The weekday is redundant; a server that gets it wrong still knows the time.
    ['Mon, 06 Nov 1994 08:49:37 GMT', Date.UTC(1994, 10, 6, 8, 49, 37)],
  ])('%j → %d', (text, ms) => expect(parseHttpDate(text)).toBe(ms));

  it.each([
    [''],
    ['yesterday'],
    // RFC 850 and asctime are read since issue 24 (RFC 9110 §5.6.7): tests/unit/time/http-date.test.ts
    ['Sun, 06 Nov 1994 08:49:37 PST'],
    ['Sun, 06 Nov 1994 08:49:37 +0000'],
    ['Sun, 31 Nov 1994 08:49:37 GMT'],
    ['Sun, 29 Feb 2023 08:49:37 GMT'],
    ['Sun, 06 Nov 1994 24:00:00 GMT'],
    ['Sun, 06 Nov 1994 08:60:00 GMT'],
    ['Sun, 06 Nov 1994 08:49:61 GMT'],
    ['Sun, 06 Foo 1994 08:49:37 GMT'],
    ['Sun, 06 Nov 1994 08:49:37 GMT trailing'],
    [`Sun, 06 Nov 1994 08:49:37 GMT${' '.repeat(100)}`],
    ['Sun, 06 Nov 99999 08:49:37 GMT'],
  ])('%j → null', (text) => expect(parseHttpDate(text)).toBeNull());
});

describe('parseClockHost', () => {
  it.each([
    ['www.google.com', { hostname: 'www.google.com', port: 443, text: 'www.google.com' }],
    ['  Example.ORG  ', { hostname: 'example.org', port: 443, text: 'example.org' }],
    ['example.org.', { hostname: 'example.org', port: 443, text: 'example.org' }],
    [
      'https://example.org/some/path?q',
      { hostname: 'example.org', port: 443, text: 'example.org' },
    ],
    ['127.0.0.1:8443', { hostname: '127.0.0.1', port: 8443, text: '127.0.0.1:8443' }],
    ['[::1]:8443', { hostname: '::1', port: 8443, text: '[::1]:8443' }],
    ['localhost:443', { hostname: 'localhost', port: 443, text: 'localhost' }],
    [
      'xn--bcher-kva.example',
      { hostname: 'xn--bcher-kva.example', port: 443, text: 'xn--bcher-kva.example' },
    ],
    [
      'bücher.example',
      { hostname: 'xn--bcher-kva.example', port: 443, text: 'xn--bcher-kva.example' },
    ],
  ])('%j → %j', (text, host) => expect(parseClockHost(text)).toEqual(host));

  it.each([
    ['', 'Give a host name, such as www.google.com.'],
    ['   ', 'Give a host name, such as www.google.com.'],
    [
      'http://example.org',
      'The clock is checked over HTTPS only; give an https:// address or a host name.',
    ],
    [
      'ftp://example.org',
      'The clock is checked over HTTPS only; give an https:// address or a host name.',
    ],
    [
      'user:pw@example.org',
      '"user:pw@example.org" is not a host name; give one such as www.google.com.',
    ],
    ['exa mple.org', '"exa mple.org" is not a host name; give one such as www.google.com.'],
    ['example.org:0', 'The port must be a number from 1 to 65535.'],
    ['example.org:70000', 'The port must be a number from 1 to 65535.'],
    ['-bad-.org', '"-bad-.org" is not a host name; give one such as www.google.com.'],
    [`${'a'.repeat(301)}.org`, 'That host name is too long (at most 300 characters).'],
  ])('%j → bad-host: %s', (text, message) => {
    expect(() => parseClockHost(text)).toThrow(
      expect.objectContaining({ code: 'bad-host', message }),
    );
  });
});

describe('offsetFromSample', () => {
  const host = 'time.example';
  const sentAt = Date.UTC(2026, 0, 1, 12, 0, 0, 200);

  it('offset = server time (the middle of its 1 s) − the middle of the request', () => {
    // Sent at 12:00:00.200, answered 100 ms later: the midpoint is 12:00:00.250. The server said
    // 11:58:00, meaning some time in [11:58:00, 11:58:01): taken as 11:58:00.500.
    const sample = {
      sentAtMs: sentAt,
      roundTripMs: 100,
      dateHeader: 'Thu, 01 Jan 2026 11:58:00 GMT',
    };
    expect(offsetFromSample(sample, host)).toEqual({
      host,
      offsetMs: -119_750,
      uncertaintyMs: 550,
      roundTripMs: 100,
      serverTimeMs: Date.UTC(2026, 0, 1, 11, 58, 0, 500),
      measuredAtMs: sentAt + 50,
    });
  });

  it.each([
    [
      undefined,
      'no-date',
      'time.example answered without a Date header, so it cannot tell the time; choose another host.',
    ],
    [
      '',
      'bad-date',
      'time.example sent a Date header that is not an HTTP date (""); choose another host.',
    ],
    [
      'soon',
      'bad-date',
      'time.example sent a Date header that is not an HTTP date ("soon"); choose another host.',
    ],
    [
      `${'x'.repeat(5000)}`,
      'bad-date',
      `time.example sent a Date header that is not an HTTP date ("${'x'.repeat(64)}…"); choose another host.`,
    ],
  ])('Date %j → %s', (dateHeader, code, message) => {
    expect(() => offsetFromSample({ sentAtMs: sentAt, roundTripMs: 10, dateHeader }, host)).toThrow(
      expect.objectContaining({ code, message }),
    );
  });
});

describe('correctionFor and describeOffset', () => {
  it.each([
    [0, 'on time'],
    [400, '0.4 s slow'],
    [-2_345, '2.3 s fast'],
    [-120_000, '2 min fast'],
    [45_000, '45 s slow'],
    [-119_750, '2 min fast'],
    [400_200, '6 min 40 s slow'],
    [9_960, '10 s slow'],
    [3 * 3600_000 + 5_000, '3 h 0 min 5 s slow'],
  ])('%d ms → this computer is %j', (ms, text) => expect(describeOffset(ms)).toBe(text));

  it.each([
    [0, { kind: 'apply', offsetMs: 0 }],
    [-120_000, { kind: 'apply', offsetMs: -120_000 }],
    [300_000, { kind: 'apply', offsetMs: 300_000 }],
    [-300_000, { kind: 'apply', offsetMs: -300_000 }],
  ])('%d ms within ±300 s → applied', (ms, expected) =>
    expect(correctionFor(ms)).toEqual(expected),
  );

  it.each([
    [
      400_000,
      "This computer's clock is 6 min 40 s slow: more than TrayOTP corrects (5 minutes). Set the system clock right (turn on automatic date and time), then check again.",
    ],
    [
      -300_001,
      "This computer's clock is 5 min fast: more than TrayOTP corrects (5 minutes). Set the system clock right (turn on automatic date and time), then check again.",
    ],
  ])('%d ms → refused', (ms, message) => {
    expect(correctionFor(ms)).toEqual({ kind: 'refuse', offsetMs: ms, message });
  });

  it('a lower limit is honoured', () => {
    expect(correctionFor(45_000, 30).kind).toBe('refuse');
    expect(correctionFor(-30_000, 30).kind).toBe('apply');
  });
});
