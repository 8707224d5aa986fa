// The journey's test site keeps the rules a real two-factor set-up keeps, checked here on its own
// clock without a browser: a code is accepted ±1 time step, a QR code expires after 30 s and a new
// one has a new secret, a code is good once, and two-factor sign-in needs the right code.
import { TOTP } from 'otpauth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SETUP_SECONDS, startTwoFactorSite } from './journey/site';
import type { TwoFactorSite } from './journey/site';

let now = Date.UTC(2026, 10, 28, 12, 0, 5);
let site: TwoFactorSite;

beforeEach(async () => {
  site = await startTwoFactorSite({ now: () => now, users: { alice: 'pw' } });
});
afterEach(() => site.close());

async function startSetup(): Promise<{ secret: string; expiresAt: number }> {
  const reply = await fetch(`${site.url}/api/2fa/start`, {
    method: 'POST',
    body: JSON.stringify({ user: 'alice' }),
  });
  return (await reply.json()) as { secret: string; expiresAt: number };
}

const codeAt = (secret: string, at: number) => new TOTP({ secret }).generate({ timestamp: at });

async function confirm(code: string) {
  const reply = await fetch(`${site.url}/api/2fa/confirm`, {
    method: 'POST',
    body: JSON.stringify({ user: 'alice', code }),
  });
  return (await reply.json()) as { enabled?: boolean; error?: string };
}

async function logIn(code: string): Promise<number> {
  const reply = await fetch(`${site.url}/login`, {
    method: 'POST',
    body: new URLSearchParams({ username: 'alice', password: 'pw', otp: code }),
  });
  return reply.status;
}

describe('the journey site', () => {
  it('serves on the loopback interface only', () => {
    expect(new URL(site.url).hostname).toBe('127.0.0.1');
  });

  it('refuses a code after the QR deadline and shows a new QR with a new secret', async () => {
    const first = await startSetup();
    expect(first.expiresAt - now).toBe(SETUP_SECONDS * 1000);
    now += SETUP_SECONDS * 1000 + 1;
    expect(await confirm(codeAt(first.secret, now))).toMatchObject({ error: 'expired' });
    const second = await startSetup();
    expect(second.secret).not.toBe(first.secret);
    expect(await confirm(codeAt(second.secret, now))).toEqual({ enabled: true });
    expect(site.enabled('alice')).toBe(true);
  });

  it('accepts the neighbouring time steps only, and each code once', async () => {
    const { secret } = await startSetup();
    expect(await confirm('000000')).toMatchObject({ error: 'wrong-code' });
    expect(await confirm(codeAt(secret, now - 30_000))).toEqual({ enabled: true });

    now += 60_000;
    expect(await logIn(codeAt(secret, now - 90_000))).toBe(401); // three steps old
    expect(await logIn(codeAt(secret, now + 30_000))).toBe(200); // one step ahead: clock skew
    expect(await logIn(codeAt(secret, now + 30_000))).toBe(401); // used already
    expect(await logIn(codeAt(secret, now))).toBe(401); // older than the one used
    expect(site.events.filter((e) => e.kind === 'sign-in-refused').map((e) => e.reason)).toEqual([
      'code',
      'replay',
      'replay',
    ]);
  });
});
