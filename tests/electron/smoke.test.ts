// Playwright _electron smoke test: the real app launches, its tray window loads over app://,
// the preload bridge reaches the real main process, and a code shows. It needs Electron's
// binary, which machines without access to its download host do not have: there it skips and
// says why.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);

function electronBinary(): string | undefined {
  const pkg = dirname(require.resolve('electron/package.json'));
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

const binary = electronBinary();
const built = existsSync(join(root, 'out/main/index.js'));
const reason = !binary
  ? "Electron's binary is not installed (npm skipped its download: ELECTRON_SKIP_BINARY_DOWNLOAD or no access to its download host)"
  : !built
    ? 'the app is not built (run npm run build)'
    : undefined;
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
