// Finding the code field, and refusing fields a person cannot see, in a real Chromium DOM (the
// extension's own modules, bundled for the page): a table of pages and what must be found.
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as FieldDetect from '../../extension/src/field-detect';
import type * as Fill from '../../extension/src/fill';
import type * as QrCapture from '../../extension/src/qr-capture';
import QRCode from 'qrcode';
import { scanOtpauth } from '../../main/browser/qr-enrol';
import { skipWithout } from '../support/tools';
import { CHROMIUM, ROOT } from './support/harness';

const skip = skipWithout('chromium');
let browser: Browser;
let page: Page;
let bundle: string;

beforeAll(async () => {
  if (skip) return;
  const out = await build({
    stdin: {
      contents: `export { findCodeFields, codeScore } from './field-detect';
                 export { whyFieldNotFillable, fillField } from './fill';
                 export { qrImageBytes, qrCandidates } from './qr-capture';`,
      resolveDir: join(ROOT, 'extension', 'src'),
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    globalName: 'TrayOTP',
    write: false,
  });
  bundle = out.outputFiles[0]!.text;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  page = await browser.newPage({ viewport: { width: 900, height: 700 } });
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

declare const TrayOTP: typeof FieldDetect & typeof Fill & typeof QrCapture;

/** What findCodeFields picks first: the input's id, "split:N", or "none". */
async function detect(html: string): Promise<string> {
  await page.setContent(`<!doctype html><html lang="en"><body>${html}</body></html>`);
  await page.addScriptTag({ content: bundle });
  return page.evaluate(() => {
    const [first] = TrayOTP.findCodeFields(document);
    if (!first) return 'none';
    return first.kind === 'split' ? `split:${first.inputs.length}` : first.input.id;
  });
}

describe.skipIf(skip)('finding the code field', () => {
  it.each([
    ['autocomplete=one-time-code', '<input id="f" autocomplete="one-time-code">', 'f'],
    ['name otp', '<input id="f" name="otp">', 'f'],
    ['id totp', '<input id="f" name="x">'.replace('id="f"', 'id="totp"'), 'totp'],
    ['2fa in the name', '<input id="f" name="user_2fa_code">', 'f'],
    ['label: Verification code', '<label for="f">Verification code</label><input id="f">', 'f'],
    [
      'wrapped label: Authentication code',
      '<label>Authentication code <input id="f"></label>',
      'f',
    ],
    ['placeholder and maxlength', '<input id="f" placeholder="6-digit code" maxlength="6">', 'f'],
    ['aria-label: security code', '<input id="f" aria-label="Security code">', 'f'],
    ['German', '<label>Bestätigungscode <input id="f"></label>', 'f'],
    ['French', '<input id="f" placeholder="Code de vérification">', 'f'],
    ['Spanish', '<input id="f" aria-label="Código de verificación">', 'f'],
    ['Italian', '<label>Codice di verifica <input id="f" maxlength="6"></label>', 'f'],
    ['Portuguese', '<input id="f" placeholder="Código de verificação">', 'f'],
    ['Dutch', '<label>Verificatiecode <input id="f"></label>', 'f'],
    ['Polish', '<label>Kod weryfikacyjny <input id="f"></label>', 'f'],
    ['Russian', '<input id="f" placeholder="Код подтверждения">', 'f'],
    ['Japanese', '<label>確認コード <input id="f"></label>', 'f'],
    ['Chinese', '<label>验证码 <input id="f"></label>', 'f'],
    ['Korean', '<label>인증번호 <input id="f"></label>', 'f'],
    [
      'a weak word with numeric shape',
      '<label>Enter code <input id="f" inputmode="numeric" maxlength="6"></label>',
      'f',
    ],
    [
      'six one-digit boxes',
      Array.from(
        { length: 6 },
        (_, i) => `<input id="d${i}" maxlength="1" inputmode="numeric">`,
      ).join(''),
      'split:6',
    ],
    [
      'four boxes in nested spans',
      `<div>${Array.from({ length: 4 }, (_, i) => `<span><input id="d${i}" maxlength="1"></span>`).join('')}</div>`,
      'split:4',
    ],
    [
      'the code field among username and password',
      '<input id="u" name="username"><input id="p" type="password" name="password"><input id="f" name="otp" autocomplete="one-time-code">',
      'f',
    ],
  ])('%s', async (_name, html, expected) => {
    expect(await detect(html)).toBe(expected);
  });

  // Issue 23, R9: sign-in widgets built as web components.
  it.each([
    ['in an open shadow root', 1],
    ['in an open shadow root inside another', 2],
  ])('a code field %s', async (_name, depth) => {
    await page.setContent(
      '<!doctype html><html lang="en"><body><div id="host"></div></body></html>',
    );
    await page.addScriptTag({ content: bundle });
    const found = await page.evaluate((levels) => {
      let root: Element | ShadowRoot = document.getElementById('host')!;
      for (let i = 0; i < levels; i++) {
        const shadow: ShadowRoot = (
          root instanceof ShadowRoot ? root.appendChild(document.createElement('div')) : root
        ).attachShadow({ mode: 'open' });
        root = shadow;
      }
      (root as ShadowRoot).innerHTML =
        '<label for="f">Verification code</label><input id="f" maxlength="6" inputmode="numeric">';
      const [first] = TrayOTP.findCodeFields(document);
      return first?.kind === 'single'
        ? `${first.input.id} ${first.input.getRootNode() === document}`
        : 'none';
    }, depth);
    expect(found).toBe('f false');
  });

  it('not a field in a closed shadow root (the component keeps it to itself)', async () => {
    await page.setContent(
      '<!doctype html><html lang="en"><body><div id="host"></div></body></html>',
    );
    await page.addScriptTag({ content: bundle });
    const found = await page.evaluate(() => {
      const root = document.getElementById('host')!.attachShadow({ mode: 'closed' });
      root.innerHTML = '<input id="f" autocomplete="one-time-code">';
      return TrayOTP.findCodeFields(document).length;
    });
    expect(found).toBe(0);
  });

  it.each([
    ['a password', '<label>Password <input id="f" type="password" name="password"></label>'],
    [
      'an e-mail address',
      '<input id="f" type="email" name="email" placeholder="code@example.com">',
    ],
    ['a promo code', '<label>Promo code <input id="f" name="promo"></label>'],
    ['a zip code', '<label>Zip code <input id="f" name="zip" maxlength="6"></label>'],
    ['a captcha', '<label>Type the code in the picture <input id="f" name="captcha"></label>'],
    ['a search box', '<input id="f" type="search" name="q" placeholder="Search code">'],
    ['a coupon', '<input id="f" name="coupon_code" placeholder="Coupon code">'],
    ['a bare numeric field', '<input id="f" inputmode="numeric" maxlength="6">'],
    ['a disabled code field', '<input id="f" autocomplete="one-time-code" disabled>'],
    ['two boxes', '<input maxlength="1"><input maxlength="1">'],
  ])('not %s', async (_name, html) => {
    expect(await detect(html)).toBe('none');
  });
});

describe.skipIf(skip)('refusing fields a person cannot see', () => {
  async function why(html: string): Promise<string | null> {
    await page.setContent(`<!doctype html><html><body style="margin:0">${html}</body></html>`);
    await page.addScriptTag({ content: bundle });
    return page.evaluate(() => {
      const field = TrayOTP.findCodeFields(document)[0];
      return field ? TrayOTP.whyFieldNotFillable(field) : 'not found';
    });
  }
  const field = (style = '') =>
    `<input id="f" autocomplete="one-time-code" style="width:160px;${style}">`;

  it.each([
    ['visible', field(), null],
    ['display:none', field('display:none'), 'hidden'],
    ['visibility:hidden', field('visibility:hidden'), 'hidden'],
    ['opacity 0.1', field('opacity:0.1'), 'hidden'],
    ['in a transparent parent', `<div style="opacity:0.05">${field()}</div>`, 'hidden'],
    ['1 px wide', field('width:1px;padding:0;border:0'), 'hidden'],
    ['off screen', field('position:absolute;left:-5000px'), 'hidden'],
    [
      'under an overlay',
      `${field()}<div style="position:fixed;inset:0;background:transparent"></div>`,
      'covered',
    ],
    [
      'half covered',
      `${field()}<div style="position:absolute;left:0;top:0;width:60px;height:60px;background:#fff"></div>`,
      'covered',
    ],
    // Issue 23, R7: layers that let clicks through still cover what the person sees.
    [
      'under a clear click-through layer',
      `${field()}<div style="position:fixed;inset:0;pointer-events:none"></div>`,
      'covered',
    ],
    [
      'under a click-through layer set !important in a style sheet',
      `<style>#l{pointer-events:none!important}</style>${field()}<div id="l" style="position:fixed;inset:0;background:#fff8"></div>`,
      'covered',
    ],
    [
      'under a click-through layer set !important inline',
      `${field()}<div style="position:fixed;inset:0;pointer-events:none!important"></div>`,
      'covered',
    ],
    [
      'under a click-through layer in a page cascade layer',
      `<style>@layer a{#l{pointer-events:none!important}}</style>${field()}<div id="l" style="position:fixed;inset:0"></div>`,
      'covered',
    ],
    [
      'beside a click-through layer',
      `${field()}<div style="position:fixed;left:0;top:200px;width:100px;height:50px;pointer-events:none"></div>`,
      null,
    ],
    [
      'with its label over it',
      `<label for="f" style="position:absolute;left:0;top:0;width:160px;height:30px;pointer-events:none">Code</label>${field()}`,
      null,
    ],
  ])('%s', async (_name, html, expected) => {
    expect(await why(html)).toBe(expected);
  });

  it('leaves the page as it was, but for one inert style sheet of its own', async () => {
    await page.setContent(
      `<!doctype html><html><body>${field()}<div id="l" style="position:fixed;inset:0;pointer-events:none !important"></div></body></html>`,
    );
    await page.addScriptTag({ content: bundle });
    const after = await page.evaluate(() => {
      const before = document.documentElement.outerHTML;
      const why = TrayOTP.whyFieldNotFillable(TrayOTP.findCodeFields(document)[0]!);
      const ours = document.documentElement.firstElementChild!;
      const oursText = ours.textContent ?? '';
      ours.remove();
      return [
        why,
        oursText.includes('@layer trayotp-hit-test'),
        document.documentElement.outerHTML === before,
        getComputedStyle(document.getElementById('l')!).pointerEvents,
      ];
    });
    expect(after).toEqual(['covered', true, true, 'none']);
  });

  it('fills a React-style controlled input through the prototype setter, with input events', async () => {
    await page.setContent('<input id="f" autocomplete="one-time-code">');
    await page.addScriptTag({ content: bundle });
    const events = await page.evaluate(() => {
      const input = document.getElementById('f') as HTMLInputElement;
      const seen: string[] = [];
      input.addEventListener('input', (e) =>
        seen.push(`input:${(e.target as HTMLInputElement).value}`),
      );
      input.addEventListener('change', () => seen.push('change'));
      TrayOTP.fillField(TrayOTP.findCodeFields(document)[0]!, '123456');
      return seen;
    });
    expect(events).toEqual(['input:123456', 'change']);
  });
});

describe.skipIf(skip)('"Add to TrayOTP": the picture the app decodes', () => {
  const uri = 'otpauth://totp/HostCo:alice?secret=JBSWY3DPEHPK3PXP&issuer=HostCo';

  it.each(['img', 'canvas', 'svg'])('an otpauth QR code drawn as %s', async (kind) => {
    const svg = await QRCode.toString(uri, { type: 'svg', margin: 4 });
    const png = await QRCode.toDataURL(uri, { margin: 4, scale: 5 });
    const markup =
      kind === 'img'
        ? `<img id="qr" src="${png}" width="200" height="200">`
        : kind === 'canvas'
          ? '<canvas id="qr" width="200" height="200"></canvas>'
          : svg.replace('<svg ', '<svg id="qr" width="200" height="200" ');
    await page.setContent(
      `<!doctype html><html><body><p>Scan with your authenticator</p>${markup}</body></html>`,
    );
    await page.addScriptTag({ content: bundle });
    const bytes = await page.evaluate(async (dataUrl) => {
      const element = document.getElementById('qr')!;
      if (element instanceof HTMLCanvasElement) {
        const image = new Image();
        image.src = dataUrl;
        await image.decode();
        element.getContext('2d')!.drawImage(image, 0, 0, 200, 200);
      }
      if (TrayOTP.qrCandidates(document)[0] !== element) throw new Error('not a candidate');
      return Array.from(await TrayOTP.qrImageBytes(element as HTMLCanvasElement));
    }, png);
    expect(bytes.length).toBeLessThan(400 * 1024);
    expect(await scanOtpauth(Uint8Array.from(bytes))).toEqual([uri]);
  });
});
