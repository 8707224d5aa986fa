// Builds the extension for Chromium-family browsers and for Firefox, and the native-messaging
// host, with esbuild:
//   extension/dist/chromium/  (load unpacked; manifest with `key`, so its id is fixed)
//   extension/dist/firefox/   (background.scripts and a gecko id, Firefox 128+)
//   extension/dist/host/host.cjs  (the relay; node or TrayOTP's binary in host mode runs it)
import { build } from 'esbuild';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
export const FIREFOX_ADDON_ID = 'browser@trayotp.app';

export function firefoxManifest(chromium) {
  // Firefox has no use for Chromium's `key` or minimum version, and no service workers yet.
  const rest = { ...chromium };
  delete rest.key;
  delete rest.minimum_chrome_version;
  const { background } = chromium;
  delete rest.background;
  return {
    ...rest,
    background: { scripts: [background.service_worker] },
    browser_specific_settings: {
      gecko: {
        id: FIREFOX_ADDON_ID,
        strict_min_version: '128.0',
        data_collection_permissions: { required: ['none'] },
      },
    },
  };
}

async function main() {
  await rm(dist, { recursive: true, force: true });
  const manifest = JSON.parse(await readFile(join(here, 'manifest.json'), 'utf8'));
  const icon = join(here, '..', 'build', 'icons', '128x128.png');
  for (const target of ['chromium', 'firefox']) {
    const out = join(dist, target);
    await mkdir(out, { recursive: true });
    await build({
      entryPoints: {
        background: join(here, 'src', 'background.ts'),
        content: join(here, 'src', 'content.ts'),
      },
      outdir: out,
      bundle: true,
      format: 'iife',
      target: target === 'firefox' ? 'firefox128' : 'chrome116',
      minify: false,
      legalComments: 'none',
      logLevel: 'warning',
    });
    const written = target === 'firefox' ? firefoxManifest(manifest) : manifest;
    await writeFile(join(out, 'manifest.json'), `${JSON.stringify(written, null, 2)}\n`);
    for (const size of [48, 128]) {
      await sharp(icon)
        .resize(size, size)
        .png()
        .toFile(join(out, `icon-${size}.png`));
    }
  }
  await build({
    entryPoints: [join(here, '..', 'main', 'browser', 'host', 'cli.ts')],
    outfile: join(dist, 'host', 'host.cjs'),
    bundle: true,
    // The host checks who listens on the socket through koffi (a native module): loaded from
    // node_modules at run time, never bundled (main/platform/peer-credentials.ts).
    external: ['koffi'],
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await main();
}
