// electron-builder.yml is checked against electron-builder's own schema (packaging itself needs
// Electron's binary, which CI cannot download), and the security-relevant settings are pinned.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load: (text: string) => unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration: (config: unknown, logger: unknown) => Promise<void>;
};
const { DebugLogger } = require('builder-util') as {
  DebugLogger: new (enabled: boolean) => unknown;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a YAML document, checked below
const config = yaml.load(readFileSync('electron-builder.yml', 'utf8')) as Record<string, any>;

describe('electron-builder.yml', () => {
  it('is valid for electron-builder', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('builds AppImage and deb, dmg and nsis', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toBe('dmg');
    expect(config.win.target).toBe('nsis');
  });

  it('turns off the fuses an attacker could use and turns on asar integrity', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('takes its icons from build/', () => {
    for (const path of [config.mac.icon, config.win.icon, `${config.linux.icon}/512x512.png`]) {
      expect(() => readFileSync(path)).not.toThrow();
    }
  });

  it('has icons in the sizes each target needs (dmg ≥ 512, NSIS ≥ 256, hicolor 16–512)', async () => {
    for (const [path, least] of [
      [config.mac.icon, 512],
      [config.win.icon, 256],
    ] as const) {
      const { width, height } = await sharp(path).metadata();
      expect(width, path).toBe(height);
      expect(width, path).toBeGreaterThanOrEqual(least);
    }
    const sizes = readdirSync(config.linux.icon).map((name: string) => {
      const [, size, again] = /^(\d+)x(\d+)\.png$/.exec(name) ?? [];
      expect(size, name).toBe(again);
      return Number(size);
    });
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 64, 128, 256, 512]));
  });

  // The PNGs are committed (packaging needs no SVG renderer); this keeps them from going stale
  // when build/icon.svg changes: re-render with `npx tsx scripts/make-icons.ts`.
  it('has build/icons/NxN.png and build/icon.png rendered from build/icon.svg', async () => {
    const files = [
      ...readdirSync(config.linux.icon).map((name: string) => `${config.linux.icon}/${name}`),
      'build/icon.png',
    ];
    for (const file of files) {
      const { width, height } = await sharp(file).metadata();
      const committed = await sharp(file).ensureAlpha().raw().toBuffer();
      const fresh = await sharp('build/icon.svg', { density: 384 })
        .resize(width, height)
        .png()
        .toBuffer()
        .then((png) => sharp(png).ensureAlpha().raw().toBuffer());
      expect(fresh.length, file).toBe(committed.length);
      let worst = 0;
      for (let i = 0; i < fresh.length; i++)
        worst = Math.max(worst, Math.abs(fresh[i]! - committed[i]!));
      // A few levels of anti-aliasing difference between librsvg versions, not another picture.
      expect(
        worst,
        `${file} differs from icon.svg rendered at ${width}×${height}`,
      ).toBeLessThanOrEqual(24);
    }
  });
});
