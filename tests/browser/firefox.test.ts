// The Firefox build: Mozilla's own linter (web-ext lint, from addons-linter) finds no error, and
// the manifest is what Firefox 128+ needs: a gecko id the host manifest allows, background
// scripts instead of a service worker, no Chromium-only key.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIREFOX_ADDON_ID, hostManifest } from '../../main/browser/manifests';
import { buildExtension, ROOT } from './support/harness';

const FIREFOX_DIR = join(ROOT, 'extension', 'dist', 'firefox');

beforeAll(() => buildExtension(), 60_000);

describe('the Firefox build', () => {
  it('has the manifest Firefox 128+ needs', async () => {
    const manifest = JSON.parse(await readFile(join(FIREFOX_DIR, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({
      manifest_version: 3,
      background: { scripts: ['background.js'] },
      permissions: expect.arrayContaining(['nativeMessaging']),
      browser_specific_settings: { gecko: { id: FIREFOX_ADDON_ID, strict_min_version: '128.0' } },
    });
    expect(manifest).not.toHaveProperty('key');
    expect(manifest.background).not.toHaveProperty('service_worker');
    expect(manifest.content_scripts[0]).toMatchObject({ all_frames: true });
    expect(hostManifest('firefox', '/h').allowed_extensions).toEqual([
      manifest.browser_specific_settings.gecko.id,
    ]);
  });

  it('passes web-ext lint without errors', async () => {
    const webExt = join(ROOT, 'node_modules', '.bin', 'web-ext');
    const { stdout } = await promisify(execFile)(
      webExt,
      ['lint', '--source-dir', FIREFOX_DIR, '--output', 'json', '--no-config-discovery'],
      { maxBuffer: 16 * 1024 * 1024 },
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const report = JSON.parse(stdout) as {
      errors: { code: string; message: string }[];
      warnings: { code: string; description: string }[];
    };
    expect(report.errors).toEqual([]);
    // The one kind of warning: data_collection_permissions (required on addons.mozilla.org since
    // Firefox 140) is unknown to 128–139, which ignore it.
    expect(report.warnings.map((w) => w.code)).toEqual(
      report.warnings.map(() =>
        expect.stringMatching(/^KEY_FIREFOX(_ANDROID)?_UNSUPPORTED_BY_MIN_VERSION$/),
      ),
    );
  }, 120_000);
});
