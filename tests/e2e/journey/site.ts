// The journey's test site: a hosting control panel's two-factor set-up and login, served on the
// loopback interface only. It checks codes with the otpauth library (RFC 6238, ±1 time step),
// an implementation independent of TrayOTP's own, and refuses a code whose time step was already
// used (RFC 6238 §5.2). Its clock is injected so the journey can let time pass for real codes.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { dashboardPage, loginPage, securityPage, SITE_NAME } from './site-pages';

/** How long a set-up QR code stays valid, as the site tells the user. */
export const SETUP_SECONDS = 30;

export const STORE_LINK = 'https://apps.apple.com/app/google-authenticator/id388497605';

export interface SiteEvent {
  kind: 'qr-shown' | 'enrolled' | 'enrol-refused' | 'signed-in' | 'sign-in-refused';
  user: string;
  /** Site clock time. */
  at: number;
  /** Wall-clock time, for the journey's timings. */
  wallMs: number;
  reason?: string;
  /** The time step of the accepted code. */
  step?: number;
}

interface User {
  password: string;
  totp?: TOTP;
  /** The last time step a code was accepted for (a code is good once). */
  lastStep?: number;
  pending?: { totp: TOTP; expiresAt: number };
}

export interface TwoFactorSite {
  url: string;
  events: SiteEvent[];
  /** Whether two-factor authentication is on for `user`. */
  enabled(user: string): boolean;
  close(): Promise<void>;
}

const PERIOD = 30;

export async function startTwoFactorSite(
  options: { now?: () => number; users?: Record<string, string> } = {},
): Promise<TwoFactorSite> {
  const now = options.now ?? Date.now;
  const users = new Map<string, User>(
    Object.entries(options.users ?? { alice: 'correct horse', bob: 'battery staple' }).map(
      ([name, password]) => [name, { password }],
    ),
  );
  const events: SiteEvent[] = [];
  const log = (
    kind: SiteEvent['kind'],
    user: string,
    details: { reason?: string; step?: number } = {},
  ) => events.push({ kind, user, at: now(), wallMs: Date.now(), ...details });
  const storeQr = await QRCode.toDataURL(STORE_LINK, { scale: 4, margin: 4 });

  /** The time step the code matches (±1 around now), or undefined. */
  const matchingStep = (totp: TOTP, code: string): number | undefined => {
    const delta = totp.validate({ token: code.trim(), timestamp: now(), window: 1 });
    return delta === null ? undefined : Math.floor(now() / 1000 / PERIOD) + delta;
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const body = request.method === 'POST' ? await readBody(request) : '';
    const html = (status: number, text: string) => send(response, status, 'text/html', text);
    const json = (status: number, value: unknown) =>
      send(response, status, 'application/json', JSON.stringify(value));

    if (request.method === 'GET' && url.pathname === '/security') {
      const user = url.searchParams.get('user') ?? '';
      if (!users.has(user)) return html(404, 'No such user');
      return html(200, securityPage(user, storeQr));
    }
    if (request.method === 'POST' && url.pathname === '/api/2fa/start') {
      const { user } = JSON.parse(body) as { user: string };
      const account = users.get(user);
      if (!account) return json(404, { error: 'no-user' });
      // A fresh secret every time the QR is shown: an old, expired QR never works again.
      const totp = new TOTP({
        issuer: SITE_NAME,
        label: `${user}@example.com`,
        secret: new Secret({ size: 20 }),
      });
      account.pending = { totp, expiresAt: now() + SETUP_SECONDS * 1000 };
      log('qr-shown', user);
      return json(200, {
        qr: await QRCode.toDataURL(totp.toString(), { scale: 5, margin: 4 }),
        secret: totp.secret.base32,
        expiresAt: account.pending.expiresAt,
        serverNow: now(),
      });
    }
    if (request.method === 'POST' && url.pathname === '/api/2fa/confirm') {
      const { user, code } = JSON.parse(body) as { user: string; code: string };
      const account = users.get(user);
      const pending = account?.pending;
      if (!account || !pending) return json(409, { error: 'not-started' });
      if (now() > pending.expiresAt) {
        log('enrol-refused', user, { reason: 'expired' });
        return json(200, {
          error: 'expired',
          message: 'Time is up. Scan the new QR code and enter the code it gives.',
        });
      }
      const step = matchingStep(pending.totp, code);
      if (step === undefined) {
        log('enrol-refused', user, { reason: 'wrong-code' });
        return json(200, {
          error: 'wrong-code',
          message: 'That code is not right. Check the time on your device and try again.',
        });
      }
      account.totp = pending.totp;
      account.lastStep = step;
      delete account.pending;
      log('enrolled', user, { step });
      return json(200, { enabled: true });
    }
    if (request.method === 'GET' && url.pathname === '/login') return html(200, loginPage());
    if (request.method === 'POST' && url.pathname === '/login') {
      const form = new URLSearchParams(body);
      const user = form.get('username') ?? '';
      const account = users.get(user);
      const refuse = (reason: string, error: string) => {
        log('sign-in-refused', user, { reason });
        return html(401, loginPage({ username: user, error }));
      };
      if (!account || account.password !== form.get('password')) {
        return refuse('password', 'The username or password is wrong.');
      }
      if (account.totp) {
        const step = matchingStep(account.totp, form.get('otp') ?? '');
        if (step === undefined) {
          return refuse('code', 'The one-time passcode is wrong or has expired.');
        }
        if (account.lastStep !== undefined && step <= account.lastStep) {
          return refuse('replay', 'That passcode was already used. Wait for the next one.');
        }
        account.lastStep = step;
      }
      log('signed-in', user, account.lastStep === undefined ? {} : { step: account.lastStep });
      return html(200, dashboardPage(user));
    }
    return html(404, 'Not found');
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      send(response, 500, 'text/plain', String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    events,
    enabled: (user) => users.get(user)?.totp !== undefined,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(response: ServerResponse, status: number, type: string, text: string): void {
  response.writeHead(status, {
    'content-type': `${type}; charset=utf-8`,
    'cache-control': 'no-store',
  });
  response.end(text);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
