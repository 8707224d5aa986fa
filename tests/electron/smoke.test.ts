// Playwright _electron smoke test: the real app launches, its tray window loads over app://,
// the preload bridge reaches the real main process, and a code shows. It needs Electron's
// binary, found as `npm start` finds it (scripts/electron-binary.js: the electron package's own
// loader, which downloads it the first time); where there is none it skips with the same
// sentence `npm start` prints.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { resolveElectron } from '../../scripts/electron-binary.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

// A first download is about 100 MB; a network that swallows packets must not hang the suite.
const electronFound = await resolveElectron({ timeoutMs: 300_000, stdout: 'ignore' });
const binary = electronFound.binary;
const built = existsSync(join(root, 'out/main/index.js'));
const reason =
  electronFound.problem ?? (!built ? 'the app is not built (run npm run build)' : undefined);
if (reason) console.warn(`skipping the _electron smoke test: ${reason}`);

describe.skipIf(reason !== undefined)('the app in Electron', () => {
  it('launches, opens the tray window and shows a code', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'trayotp-electron-'));
    const app = await electron.launch({
      executablePath: binary!,
      args: [root, '--password-store=basic'],
      env: { ...process.env, TRAYOTP_USER_DATA: userData },
    });
    try {
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
      expect(page.url()).toBe('app://trayotp/index.html');
      const state = await page.evaluate(() => window.trayotp.getState());
      expect(state.vault).toBe('none');
      // basic_text protects nothing, so the vault needs a passphrase.
      expect(state.passphraseRequired).toBe(true);
      await page.evaluate(() => window.trayotp.createVault('a smoke test passphrase'));
      const added = await page.evaluate(() =>
        window.trayotp.addUri('otpauth://totp/Smoke:test?secret=JBSWY3DPEHPK3PXP&issuer=Smoke'),
      );
      expect(added.ok).toBe(true);
      const codes = await page.evaluate(() => window.trayotp.codes());
      expect(codes[0]!.code).toMatch(/^\d{6}$/);
      await page.evaluate(() => window.trayotp.getState());
      await expect
        .poll(async () => (await page.textContent('body'))?.replace(/\s/g, '') ?? '', {
          timeout: 10_000,
        })
        .toContain(codes[0]!.code);
    } finally {
      await app.close();
    }
  });
});
