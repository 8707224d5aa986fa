// The Linux package holds every file the app loads at run time, where the code looks for it.
// Built by electron-builder from the real config and out/ (from `npm run build`, which `npm test`
// runs first) around a stand-in Electron (package-build.ts says what is real and what is not):
// it checks the package's layout and contents, never that the app runs.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launcherTarget } from '../../../main/platform/host-files';
import { HOST_FLAG } from '../../../main/browser/host/launchers';
import { defaultReaderLocation } from '../../../main/import-worker/client';
import {
  FROM_MAIN_DIR,
  MAIN_ENTRY,
  TRAY_ICON_DIR,
  TRAY_ICON_FILES,
  trayIconName,
} from '../../../main/platform/runtime-paths';
import { defaultWorkerLocation } from '../../../main/vault/argon2id-thread';
import { builtFiles, bundlePaths } from './bundle-paths';
import { buildLinuxPackage } from './package-build';
import type { LinuxPackage } from './package-build';

const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as {
  extractAll: (archive: string, dest: string) => void;
  listPackage: (archive: string, options: { isPack: boolean }) => string[];
  statFile: (archive: string, file: string) => { unpacked?: boolean; size?: number };
};

let pkg: LinuxPackage;
let resources: string;
let archive: string;
/** app.asar extracted (unpacked files included): the app as Electron's fs shows it. */
let app: string;
let mainDir: string;

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep);
}

function pngSize(bytes: Buffer): [number, number] {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

beforeAll(async () => {
  pkg = await buildLinuxPackage();
  resources = join(pkg.unpacked, 'resources');
  archive = join(resources, 'app.asar');
  app = mkdtempSync(join(tmpdir(), 'trayotp-app-asar-'));
  asar.extractAll(archive, app);
  mainDir = join(app, dirname(MAIN_ENTRY));
}, 180_000);

afterAll(() => {
  // About 200 MB: the package and its extracted asar.
  if (pkg) rmSync(pkg.temp, { recursive: true, force: true });
  if (app) rmSync(app, { recursive: true, force: true });
});

describe('the packaged app (Linux dir target)', () => {
  it("runs the built main that package.json names, as the program 'trayotp'", () => {
    const manifest = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')) as {
      main: string;
    };
    expect(manifest.main).toBe(MAIN_ENTRY);
    expect(existsSync(join(app, MAIN_ENTRY))).toBe(true);
    const program = join(pkg.unpacked, 'trayotp');
    expect(statSync(program).mode & 0o111).not.toBe(0);
    expect(existsSync(join(pkg.unpacked, 'electron'))).toBe(false);
    expect(readFileSync(join(pkg.unpacked, 'version'), 'utf8')).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('holds every path the code builds from runtime-paths.ts', () => {
    for (const path of [
      FROM_MAIN_DIR.preload,
      FROM_MAIN_DIR.rendererPage,
      FROM_MAIN_DIR.qrWorker,
    ]) {
      const file = join(mainDir, path);
      expect(inside(app, file), path).toBe(true);
      expect(statSync(file).isFile(), path).toBe(true);
    }
    expect(statSync(join(mainDir, FROM_MAIN_DIR.renderer)).isDirectory()).toBe(true);
  });

  it("holds the renderer page's scripts and styles", () => {
    const page = readFileSync(join(mainDir, FROM_MAIN_DIR.rendererPage), 'utf8');
    const assets = [...page.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    expect(assets.some((asset) => asset.endsWith('.js'))).toBe(true);
    for (const asset of assets) {
      const file = join(mainDir, FROM_MAIN_DIR.renderer, asset.replace(/^\.?\//, ''));
      expect(existsSync(file), asset).toBe(true);
    }
  });

  it('holds the tray icons beside app.asar, where a packaged app reads them', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      expect(TRAY_ICON_FILES).toContain(trayIconName(platform));
    }
    for (const name of TRAY_ICON_FILES) {
      const [width, height] = pngSize(readFileSync(join(resources, TRAY_ICON_DIR, name)));
      expect(width, name).toBe(height);
      expect(width, name).toBeGreaterThanOrEqual(16);
    }
  });

  it('resolves every file the built bundle finds by itself, inside the package', () => {
    const found = bundlePaths(builtFiles(mainDir));
    const refs = found.flatMap((path) => path.refs);
    // The scan is not empty: these are the ones the code has today.
    for (const known of [
      'zxing-wasm/reader/zxing_reader.wasm',
      'sql.js/dist/sql-wasm.wasm',
      './qr-worker.js',
      '../argon2id-worker.js',
      '../import-worker.js',
    ]) {
      expect(refs).toContain(known);
    }
    for (const path of found) {
      const from = relative(app, path.file);
      if (path.kind === 'data-file') {
        const file = createRequire(path.file).resolve(path.refs[0]!);
        expect(inside(app, file), `${path.refs[0]} from ${from}`).toBe(true);
        expect(statSync(file).size, `${path.refs[0]} from ${from}`).toBeGreaterThan(0);
      } else {
        const hits = path.refs.filter((ref) => existsSync(join(dirname(path.file), ref)));
        expect(hits.length, `${path.refs.join(' or ')} from ${from}`).toBeGreaterThan(0);
      }
    }
  });

  it('finds the argon2id and import workers the way the code does, from each built module', () => {
    const found = bundlePaths(builtFiles(mainDir)).filter((path) => path.kind === 'candidates');
    const argon = found.filter((path) => path.refs.some((ref) => ref.includes('argon2id')));
    const reader = found.filter((path) => path.refs.some((ref) => ref.includes('import-worker')));
    expect(argon.length).toBeGreaterThan(0);
    expect(reader.length).toBeGreaterThan(0);
    for (const path of argon) {
      const { script } = defaultWorkerLocation(pathToFileURL(path.file).href);
      expect(script.pathname).toBe(pathToFileURL(join(mainDir, 'argon2id-worker.js')).pathname);
    }
    for (const path of reader) {
      const { script } = defaultReaderLocation(pathToFileURL(path.file).href);
      expect(script.pathname).toBe(pathToFileURL(join(mainDir, 'import-worker.js')).pathname);
    }
  });

  it('unpacks every native file from the asar (Node loads them from a real file)', () => {
    const native = asar
      .listPackage(archive, { isPack: false })
      .map((file) => file.replace(/^[/\\]/, ''))
      .filter((file) => /\.node$|\.so(\.\d+)*$|\.dylib$|\.dll$/.test(file));
    expect(native.length).toBeGreaterThan(0);
    for (const file of native) {
      expect(asar.statFile(archive, file).unpacked, file).toBe(true);
      expect(existsSync(join(`${archive}.unpacked`, file)), file).toBe(true);
    }
  });

  it.each([
    ['koffi', `@koromix/koffi-${process.platform}-${process.arch}`],
    ['sharp', `@img/sharp-${process.platform}-${process.arch}`],
    ['sharp', `@img/sharp-libvips-${process.platform}-${process.arch}`],
  ])(
    '%s and its platform package %s resolve from the app and are unpacked',
    (name, platformPkg) => {
      const entry = createRequire(join(app, MAIN_ENTRY)).resolve(name);
      expect(inside(app, entry)).toBe(true);
      // The folder Node's lookup from the module reaches (package exports may hide package.json).
      const platformDir = createRequire(entry)
        .resolve.paths(platformPkg)!
        .map((dir) => join(dir, platformPkg))
        .find((dir) => existsSync(join(dir, 'package.json')));
      expect(platformDir && inside(app, platformDir), `${platformPkg} from ${name}`).toBe(true);
      const files = asar
        .listPackage(archive, { isPack: false })
        .map((file) => file.replace(/^[/\\]/, ''))
        .filter((file) => join(app, file).startsWith(platformDir! + sep))
        .filter((file) => /\.node$|\.so(\.\d+)*$/.test(file));
      expect(files.length, `native files in ${platformPkg}`).toBeGreaterThan(0);
      for (const file of files) expect(asar.statFile(archive, file).unpacked, file).toBe(true);
    },
  );

  it("holds the browser host launcher's target: the program itself, in host mode", () => {
    // Packaged, the launcher runs the installed binary (deb) or $APPIMAGE with HOST_FLAG.
    const target = launcherTarget({
      packaged: true,
      execPath: join(pkg.unpacked, 'trayotp'),
      hostScript: '(development only)',
    });
    expect(target.args).toEqual([HOST_FLAG]);
    expect(statSync(target.executable).mode & 0o111).not.toBe(0);
    const debExec = /^Exec=(\S+)/m.exec(pkg.deb.desktopEntry)?.[1];
    expect(debExec).toBe('/opt/TrayOTP/trayotp');
    const installed = pkg.deb.files.find((file) => file.target === '/opt/TrayOTP');
    expect(installed?.source.replace(/\/$/, '')).toBe(pkg.unpacked);
  });
});

describe('the deb (what electron-builder hands fpm; fpm itself is not run offline)', () => {
  const option = (name: string) => pkg.deb.args[pkg.deb.args.indexOf(name) + 1];

  it('names its maintainer, vendor and homepage from package.json and electron-builder.yml', () => {
    expect(option('--maintainer')).toBe('TrayOTP contributors <maintainers@trayotp.app>');
    expect(option('--vendor')).toBe('TrayOTP contributors');
    expect(option('--url')).toBe('https://trayotp.app');
    expect(option('--license')).toBe('MIT');
    expect(option('--architecture')).toBe(process.arch === 'x64' ? 'amd64' : process.arch);
  });

  it('keeps Electron’s own library dependencies and adds libX11 and libXtst', () => {
    const depends = (pkg.config.deb as { depends: string[] }).depends;
    for (const lib of ['libgtk-3-0', 'libnss3', 'libnotify4', 'libxss1', 'libatspi2.0-0'])
      expect(depends).toContain(lib);
    expect(depends).toEqual(expect.arrayContaining(['libx11-6', 'libxtst6']));
  });

  it('installs a desktop entry with the fields a menu and a window list need', () => {
    const entry = pkg.deb.desktopEntry;
    expect(pkg.deb.files.map((file) => file.target)).toContain(
      '/usr/share/applications/trayotp.desktop',
    );
    expect(entry).toMatch(/^\[Desktop Entry\]\n/);
    for (const line of [
      'Name=TrayOTP',
      'Type=Application',
      'Icon=trayotp',
      'StartupWMClass=trayotp',
      'Categories=Utility;Security;',
      'Terminal=false',
    ]) {
      expect(entry.split('\n')).toContain(line);
    }
    expect(entry).toMatch(/^Comment=Two-factor codes from the tray/m);
    expect(entry).toMatch(/^Keywords=2FA;TOTP;.*;$/m);
  });

  it('installs the app icon in every hicolor size, each a square PNG of that size', () => {
    const icons = pkg.deb.files.filter((file) => file.target.startsWith('/usr/share/icons/'));
    const sizes = icons.map((icon) => Number(/\/(\d+)x\1\//.exec(icon.target)?.[1]));
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 64, 128, 256, 512]));
    for (const icon of icons) {
      const size = Number(/\/(\d+)x\1\//.exec(icon.target)?.[1]);
      expect(icon.target).toBe(`/usr/share/icons/hicolor/${size}x${size}/apps/trayotp.png`);
      expect(pngSize(icon.bytes!), icon.source).toEqual([size, size]);
    }
  });
});

describe('the AppImage (its desktop entry; appimagetool is not run offline)', () => {
  it('starts AppRun, under the same name and icon as the deb', () => {
    expect(pkg.appImage.desktopFileName).toBe('trayotp.desktop');
    const lines = pkg.appImage.desktop.split('\n');
    expect(lines).toContain('Exec=AppRun --no-sandbox %U');
    expect(lines).toContain('Icon=trayotp');
    expect(lines).toContain('StartupWMClass=trayotp');
    expect(lines).toContain('Categories=Utility;Security;');
  });
});
