// Builds the Linux package the way `npm run package` does (electron-builder.yml, the built out/
// folder), from a stand-in Electron distribution (stand-in-electron.ts), into a temp folder:
// the unpacked `dir` layout in full, and the deb and AppImage up to the external tool that
// would pack them. fpm (deb) and appimagetool are downloads of electron-builder's, which fail
// offline, and Debian has no fpm package; so electron-builder's own hook for inspecting a
// target (effectiveOptionComputed) records what it would hand them — the deb's fpm arguments,
// its desktop entry and icons; the AppImage's desktop entry — and stops there. No deb or
// AppImage file is made, and none is pretended.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeStandInElectron } from './stand-in-electron';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load: (text: string) => unknown };

interface BuilderApi {
  build: (options: Record<string, unknown>) => Promise<string[]>;
  Platform: { LINUX: { createTarget: (types: string[], ...archs: number[]) => unknown } };
  Arch: Record<string, number>;
}

export interface DebCapture {
  /** fpm's arguments after the fixed ones: --maintainer, --url, file mappings… */
  args: string[];
  desktopEntry: string;
  /** Each file mapped into the deb (`source=/target`) with whether the source existed. */
  files: { source: string; target: string; bytes?: Buffer }[];
}

export interface AppImageCapture {
  desktop: string;
  desktopFileName: string;
}

export interface LinuxPackage {
  /** electron-builder.yml as the test used it (before its overrides). */
  config: Record<string, unknown>;
  /** linux-unpacked (or linux-<arch>-unpacked): the `dir` target. */
  unpacked: string;
  deb: DebCapture;
  appImage: AppImageCapture;
  /** The temp folder holding the stand-in, the config and the output: removed by the caller. */
  temp: string;
  /** electron-builder's log (joined, it is the text it would have printed). */
  log: string[];
}

export const PROJECT_ROOT = join(import.meta.dirname, '..', '..', '..');

function electronVersion(): string {
  const pkg = JSON.parse(
    readFileSync(join(PROJECT_ROOT, 'node_modules', 'electron', 'package.json'), 'utf8'),
  ) as { version: string };
  return pkg.version;
}

function readDebFiles(args: string[]): DebCapture['files'] {
  return args
    .filter((arg) => /^\/.+=\/.+/.test(arg))
    .map((arg) => {
      const at = arg.lastIndexOf('=/');
      const source = arg.slice(0, at);
      const target = arg.slice(at + 1);
      // Read now: electron-builder removes its temp files when the build ends.
      const file = source.endsWith('/') ? undefined : source;
      return {
        source,
        target,
        ...(file && existsSync(file) && { bytes: readFileSync(file) }),
      };
    });
}

export async function buildLinuxPackage(): Promise<LinuxPackage> {
  if (!existsSync(join(PROJECT_ROOT, 'out', 'main', 'index.js'))) {
    throw new Error('out/main/index.js is missing: run `npm run build` before this test');
  }
  const builder = require('electron-builder') as BuilderApi;
  // electron-builder's log goes to a list (shown when the build fails), not the test's output.
  const logger = (require('builder-util') as { log: { stream: { write: (s: string) => boolean } } })
    .log;
  const stdout = logger.stream;
  const log: string[] = [];
  logger.stream = { write: (text: string) => log.push(text) > 0 };

  const config = yaml.load(
    readFileSync(join(PROJECT_ROOT, 'electron-builder.yml'), 'utf8'),
  ) as Record<string, unknown>;
  const temp = mkdtempSync(join(tmpdir(), 'trayotp-package-'));
  const electronDist = await makeStandInElectron(electronVersion(), temp);
  const output = join(temp, 'dist');
  const used = {
    ...config,
    // The fuse wire is in the real binary only (stand-in-electron.ts).
    electronFuses: null,
    electronDist,
    directories: { ...(config.directories as object), output },
  };

  const configFile = join(temp, 'electron-builder.json');
  writeFileSync(configFile, JSON.stringify(used));

  let deb: DebCapture | undefined;
  let appImage: AppImageCapture | undefined;
  const arch = builder.Arch[process.arch] ?? builder.Arch.x64!;
  try {
    await builder.build({
      projectDir: PROJECT_ROOT,
      targets: builder.Platform.LINUX.createTarget(['deb', 'AppImage'], arch),
      // A file of its own: given an object, electron-builder would merge electron-builder.yml
      // under it (and copy extraResources twice).
      config: configFile,
      publish: 'never',
      effectiveOptionComputed: async (options: unknown) => {
        if (Array.isArray(options)) {
          const [args, desktopFile] = options as [string[], string];
          deb = {
            args: [...args],
            desktopEntry: readFileSync(desktopFile, 'utf8'),
            files: readDebFiles(args),
          };
        } else if (options && typeof options === 'object' && 'desktop' in options) {
          appImage = options as AppImageCapture;
        }
        return true; // stop before fpm / appimagetool
      },
    });
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw new Error(
      `electron-builder failed: ${(error as Error).message}\n${log.join('').slice(-4000)}`,
      { cause: error },
    );
  } finally {
    logger.stream = stdout;
  }
  if (!deb || !appImage) throw new Error('electron-builder never reached the deb or AppImage');
  const suffix = arch === builder.Arch.x64 ? '' : `-${process.arch}`;
  return { config, temp, unpacked: join(output, `linux${suffix}-unpacked`), deb, appImage, log };
}
