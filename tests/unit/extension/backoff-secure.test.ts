// The extension's small rules (issue 23): how long it waits before trying TrayOTP again (R1),
// and which pages may receive codes (R6).
import { describe, expect, it } from 'vitest';
import { Backoff } from '../../../extension/src/backoff';
import { isSecurePage } from '../../../extension/src/secure-page';

describe('the reconnect back-off', () => {
  it('grows from 1 s, doubling, bounded by a minute, and starts again after a success', () => {
    const backoff = new Backoff(1000, 60_000);
    const delays = Array.from({ length: 9 }, () => backoff.next());
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000]);
    backoff.reset();
    expect(backoff.next()).toBe(1000);
  });

  it('stays bounded after very many failures', () => {
    const backoff = new Backoff(1000, 60_000);
    for (let i = 0; i < 5000; i++) backoff.next();
    expect(backoff.next()).toBe(60_000);
  });
});

describe('pages that may receive codes', () => {
  it.each([
    ['https://panel.hostco.com/login', true],
    ['https://panel.hostco.com:8443/x', true],
    ['http://localhost:3000/login', true],
    ['http://127.0.0.1/login', true],
    ['http://[::1]:8080/', true],
    ['http://panel.hostco.com/login', false],
    ['http://localhost.evil.com/', false],
    ['http://127.0.0.2/', false],
    ['ftp://panel.hostco.com/', false],
    ['file:///home/alice/login.html', false],
    ['data:text/html,<input>', false],
    ['not a url', false],
    [undefined, false],
  ])('%s → %s', (url, secure) => {
    expect(isSecurePage(url)).toBe(secure);
  });
});
