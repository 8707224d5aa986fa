// Screenshots of the extension for the README (npx tsx extension/scripts/screenshots.ts): the
// in-field button, the pairing code the page shows, and the message on a look-alike site.
// Written to extension/screenshots/; the same harness as the browser suite.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { buildExtension, ROOT, startHarness } from '../../tests/browser/support/harness';
import { LOOKALIKE, OTPAUTH, REAL } from '../../tests/browser/support/sites';
import { parseOtpUri } from '../../main/otp/uri';

const out = join(ROOT, 'extension', 'screenshots');

async function main() {
  await mkdir(out, { recursive: true });
  buildExtension();
  const h = await startHarness();
  try {
    await h.vault.add(parseOtpUri(OTPAUTH).account, { domains: [REAL] });
    const clip = { x: 0, y: 0, width: 640, height: 330 };

    let shot: Promise<unknown> = Promise.resolve();
    const login = await h.page(h.sites.url(REAL, '/login'));
    h.approve = async () => {
      await new Promise((resolve) => setTimeout(resolve, 800));
      shot = login.screenshot({ path: join(out, 'pairing-code.png'), clip });
      await shot;
      return true;
    };
    await login.locator('trayotp-fill').waitFor();
    await login.screenshot({ path: join(out, 'in-field-button.png'), clip });
    await login.locator('trayotp-fill').click();
    await login.waitForFunction(
      () => (document.getElementById('otp') as HTMLInputElement).value.length === 6,
    );
    await shot;
    await login.screenshot({ path: join(out, 'filled.png'), clip });

    const lookalike = await h.page(h.sites.url(LOOKALIKE, '/login'));
    await lookalike.locator('trayotp-fill').click();
    await lookalike.locator('trayotp-message').waitFor({ state: 'attached' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await lookalike.screenshot({
      path: join(out, 'look-alike-refused.png'),
      clip: { ...clip, height: 420 },
    });
  } finally {
    await h.close();
  }
}

await main();
