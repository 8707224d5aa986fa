// Enrolment-like screens rendered in Debian's Chromium (playwright-core): a site's "turn on
// two-step verification" page with its QR code (qrcode package, PNG data URL scaled by the page
// or crisp SVG), at scale factors 1–2 (1.25/1.5/1.75 included), light and dark themes, app-store
// or Wi-Fi decoy codes beside it, JPEG or PNG, and 7680×2160 three-monitor frames. Used by
// bench/render-qr-corpus.ts (a corpus on disk) and by tests (a few screens on the fly).
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { seededRandom } from './random';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

export function launchChromium(
  options: { headless?: boolean; env?: Record<string, string>; slowMo?: number } = {},
) {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: options.headless ?? true,
    ...(options.slowMo ? { slowMo: options.slowMo } : {}),
    ...(options.env ? { env: options.env } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export type Theme = 'light' | 'dark' | 'dark-inverted';
export type Kind = 'totp' | 'hotp' | 'migration' | 'none';

export interface ScreenSpec {
  file: string;
  /** Device pixels of the whole frame. */
  width: number;
  height: number;
  scale: number;
  /** Monitors side by side (the code on one of them). */
  monitors: number;
  kind: Kind;
  theme: Theme;
  /** CSS pixels of the QR image. */
  cssSize: number;
  svg: boolean;
  decoy: 'none' | 'store' | 'wifi';
  format: 'png' | 'jpeg';
  key: string;
}

const displays: { width: number; height: number; scale: number }[] = [
  { width: 1920, height: 1080, scale: 1 },
  { width: 1920, height: 1080, scale: 1.25 },
  { width: 2560, height: 1440, scale: 1.5 },
  { width: 2240, height: 1260, scale: 1.75 },
  { width: 2880, height: 1800, scale: 2 },
  { width: 3840, height: 2160, scale: 1.5 },
  { width: 3840, height: 2160, scale: 2 },
];
const issuers = ['GitHub', 'Cloudflare', 'AWS', 'Example Bank', "O'Reilly & Sons", 'Nextcloud'];
const base32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** `count` varied screens, the same for the same seed. */
export function screenSpecs(count: number, seed = 1): ScreenSpec[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const multi = i % 8 === 7;
    const display = multi
      ? { width: 2560, height: 2160, scale: pick([1.25, 1.5, 2]) }
      : pick(displays);
    const kind: Kind =
      i % 13 === 12 ? 'none' : pick(['totp', 'totp', 'totp', 'hotp', 'migration'] as const);
    const theme = pick(['light', 'light', 'dark', 'dark-inverted'] as const);
    const secret = Array.from({ length: pick([16, 26, 32, 52, 103]) }, () =>
      pick([...base32]),
    ).join('');
    const issuer = pick(issuers);
    const user = `user${Math.floor(random() * 1000)}@example.com`;
    const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(user)}`;
    const algorithm = secret.length > 60 ? 'SHA512' : pick(['SHA1', 'SHA256']);
    const key =
      kind === 'migration'
        ? `otpauth-migration://offline?data=${encodeURIComponent(
            Buffer.from(
              Array.from({ length: 60 + Math.floor(random() * 120) }, () =>
                Math.floor(random() * 256),
              ),
            ).toString('base64'),
          )}`
        : kind === 'none'
          ? ''
          : `otpauth://${kind}/${label}?secret=${secret}&issuer=${encodeURIComponent(issuer)}&algorithm=${algorithm}&digits=6${kind === 'hotp' ? '&counter=0' : '&period=30'}`;
    const format = pick(['png', 'png', 'jpeg'] as const);
    const spec = {
      width: display.width * (multi ? 3 : 1),
      height: display.height,
      scale: display.scale,
      monitors: multi ? 3 : 1,
      kind,
      theme,
      cssSize: pick([100, 120, 144, 160, 180, 200, 240, 280]),
      svg: random() < 0.3,
      decoy: pick(['none', 'none', 'store', 'wifi'] as const),
      format,
      key,
    };
    const name = `r${String(i).padStart(3, '0')}_${spec.width}x${spec.height}@${spec.scale}_${theme}_${kind}${spec.decoy === 'none' ? '' : `+${spec.decoy}`}`;
    return { ...spec, file: `${name}.${format === 'png' ? 'png' : 'jpg'}` };
  });
}

/** A spec with chosen fields (the rest from the seeded generator); the file name follows. */
export function screenSpec(overrides: Partial<ScreenSpec>, seed = 1): ScreenSpec {
  const spec = { ...screenSpecs(1, seed)[0]!, ...overrides };
  const decoy = spec.decoy === 'none' ? '' : `+${spec.decoy}`;
  const name = `${spec.width}x${spec.height}@${spec.scale}_${spec.theme}_${spec.kind}${decoy}_${spec.cssSize}css`;
  return { ...spec, file: `${name}.${spec.format === 'png' ? 'png' : 'jpg'}` };
}

const decoys = {
  store: 'https://apps.apple.com/app/google-authenticator/id388497605',
  wifi: 'WIFI:T:WPA;S:Office Guest;P:correct horse battery;;',
};

/** The texts a scan of this screen must find as key URIs. */
export function expectedKeys(spec: ScreenSpec): string[] {
  return spec.kind === 'none' ? [] : [spec.key];
}

export function decoyText(spec: ScreenSpec): string | undefined {
  return spec.decoy === 'none' ? undefined : decoys[spec.decoy];
}

async function qrImage(
  text: string,
  spec: ScreenSpec,
  dark: string,
  light: string,
): Promise<string> {
  const options = { margin: 4, errorCorrectionLevel: 'M' as const, color: { dark, light } };
  const style = `width:${spec.cssSize}px;height:${spec.cssSize}px`;
  if (spec.svg) {
    const svg = await QRCode.toString(text, { ...options, type: 'svg' });
    return `<div style="${style}">${svg.replace('<svg ', `<svg style="${style}" `)}</div>`;
  }
  const url = await QRCode.toDataURL(text, { ...options, scale: 8 });
  return `<img alt="QR code" src="${url}" style="${style}">`;
}

/** The enrolment page's HTML; `withCode` false gives the same page without its codes. */
export async function pageHtml(spec: ScreenSpec, withCode = true): Promise<string> {
  const dark = spec.theme !== 'light';
  const [bg, fg, card] = dark
    ? ['#16181d', '#e6e6e6', '#22252c']
    : ['#f4f5f7', '#1d1f23', '#ffffff'];
  const [qrDark, qrLight] =
    spec.theme === 'dark-inverted' ? ['#e6e6e6ff', '#22252cff'] : ['#000000ff', '#ffffffff'];
  const code =
    withCode && spec.kind !== 'none' ? await qrImage(spec.key, spec, qrDark, qrLight) : '';
  const decoy =
    withCode && decoyText(spec) ? await qrImage(decoyText(spec)!, spec, qrDark, qrLight) : '';
  const text =
    'Scan this code with your authenticator app, then enter the six-digit code it shows. ';
  return `<!doctype html><html><head><style>
    body{margin:0;font:15px/1.5 "DejaVu Sans",sans-serif;background:${bg};color:${fg}}
    header{height:56px;background:${dark ? '#0d0e11' : '#24292f'};color:#fff;display:flex;align-items:center;padding:0 24px;font-weight:bold}
    nav{position:absolute;top:56px;left:0;width:220px;padding:16px}
    nav a{display:block;color:${fg};opacity:.8;padding:6px 0;text-decoration:none}
    main{margin-left:260px;padding:24px;max-width:900px}
    .card{background:${card};border-radius:8px;padding:24px;box-shadow:0 1px 3px #0003}
    .row{display:flex;gap:48px;align-items:flex-start;margin:16px 0}
    input{font-size:20px;width:160px;padding:6px}
  </style></head><body>
  <header>${spec.kind === 'none' ? 'Inbox' : 'Account security'}</header>
  <nav>${['Profile', 'Password', 'Two-factor authentication', 'Sessions', 'SSH keys', 'Billing'].map((n) => `<a>${n}</a>`).join('')}</nav>
  <main><div class="card"><h2>Set up two-factor authentication</h2>
  <p>${text.repeat(2)}</p>
  <div class="row">${code}<div><p>Can't scan it? Enter this key instead:</p><code>${spec.key.slice(0, 60)}</code>
  ${decoy ? `<p>Get the app:</p>${decoy}` : ''}</div></div>
  <p>Code: <input value="" placeholder="123456"></p><p>${text.repeat(3)}</p></div></main></body></html>`;
}

/** One screen as encoded image bytes (PNG or JPEG), like a screenshot file. */
export async function renderScreen(browser: Browser, spec: ScreenSpec): Promise<Buffer> {
  const monitorWidth = spec.width / spec.monitors;
  const shots: Buffer[] = [];
  const codeOn = spec.monitors - 1 - (spec.file.length % spec.monitors);
  for (let m = 0; m < spec.monitors; m++) {
    const context = await browser.newContext({
      viewport: {
        width: Math.round(monitorWidth / spec.scale),
        height: Math.round(spec.height / spec.scale),
      },
      deviceScaleFactor: spec.scale,
    });
    const page = await context.newPage();
    await page.setContent(await pageHtml(spec, m === codeOn), { waitUntil: 'load' });
    shots.push(await page.screenshot({ type: 'png' }));
    await context.close();
  }
  // Stitch the monitors into one frame of exactly width × height device pixels, cropping or
  // padding a pixel of rounding rather than resampling (which would blur the codes).
  const tiles = await Promise.all(
    shots.map(async (shot) => {
      const { width = 0, height = 0 } = await sharp(shot).metadata();
      const w = Math.min(width, monitorWidth);
      const h = Math.min(height, spec.height);
      return sharp(shot)
        .extract({ left: 0, top: 0, width: w, height: h })
        .extend({ right: monitorWidth - w, bottom: spec.height - h, background: '#000' })
        .png()
        .toBuffer();
    }),
  );
  const frame = sharp({
    create: { width: spec.width, height: spec.height, channels: 3, background: '#000' },
  }).composite(tiles.map((input, m) => ({ input, left: m * monitorWidth, top: 0 })));
  return spec.format === 'png' ? frame.png().toBuffer() : frame.jpeg({ quality: 82 }).toBuffer();
}
