// A stand-in for Electron's Linux distribution (electron-vX-linux-<arch>.zip, unpacked): the
// same file names and folders, so electron-builder's `electronDist` can package the app without
// downloading Electron. Nothing in it runs: `electron` is a shell script that says it is a
// stand-in and fails, and the data files hold a placeholder. The packaging test checks the
// package's layout and contents, never that the app starts (that needs the real binary).
// The fuse wire electron-builder flips lives in the real binary only, so a build from this
// folder runs with electronFuses off (tests/unit/build/electron-builder-config.test.ts pins them).
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as {
  createPackage: (src: string, dest: string) => Promise<unknown>;
};

/** Files at the top of Electron 45's linux zip, besides `electron`, `locales/` and `resources/`. */
const TOP_FILES = [
  'LICENSE',
  'LICENSES.chromium.html',
  'chrome_100_percent.pak',
  'chrome_200_percent.pak',
  'icudtl.dat',
  'libEGL.so',
  'libGLESv2.so',
  'libffmpeg.so',
  'libvk_swiftshader.so',
  'libvulkan.so.1',
  'resources.pak',
  'snapshot_blob.bin',
  'v8_context_snapshot.bin',
  'vk_swiftshader_icd.json',
];
const EXECUTABLES = ['electron', 'chrome-sandbox', 'chrome_crashpad_handler'];
const LOCALES = ['en-US.pak', 'de.pak', 'fr.pak'];

const STAND_IN_SCRIPT =
  '#!/bin/sh\necho "stand-in for Electron\'s binary (packaging test): it runs nothing" >&2\nexit 1\n';

/** Writes the stand-in for Electron `version` and returns its folder. */
export async function makeStandInElectron(version: string, parent = tmpdir()): Promise<string> {
  const dir = mkdtempSync(join(parent, 'electron-stand-in-'));
  mkdirSync(join(dir, 'locales'));
  mkdirSync(join(dir, 'resources'));
  writeFileSync(join(dir, 'version'), version);
  for (const name of TOP_FILES) writeFileSync(join(dir, name), `stand-in ${name}\n`);
  for (const name of LOCALES) writeFileSync(join(dir, 'locales', name), `stand-in ${name}\n`);
  for (const name of EXECUTABLES) {
    writeFileSync(join(dir, name), STAND_IN_SCRIPT);
    chmodSync(join(dir, name), 0o755);
  }
  // Electron ships its default app as a real asar archive, and electron-builder reads every
  // archive in resources/ (for the integrity hashes), so this one is a real, tiny archive.
  const defaultApp = mkdtempSync(join(parent, 'electron-default-app-'));
  writeFileSync(join(defaultApp, 'package.json'), '{"name":"electron","main":"main.js"}\n');
  writeFileSync(join(defaultApp, 'main.js'), '// stand-in default app\n');
  await asar.createPackage(defaultApp, join(dir, 'resources', 'default_app.asar'));
  return dir;
}
