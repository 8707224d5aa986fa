// The files that let browsers start TrayOTP's native-messaging host: a launcher in TrayOTP's own
// folder and, for every browser installed, a manifest naming it (main/browser/manifests.ts has
// the places). Written whenever the app starts with the browser switch on — so a moved or
// updated app (an AppImage mounts at a new path each run) points browsers at the right program —
// and removed when the switch goes off. The adapter behind the app's BrowserHostFiles port
// (main/app/ports/browser-host-files.ts); Electron-free, so its tests write real files:
// browser-host-files.ts only passes the paths.
import { chmod, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserHostFiles } from '../app/ports/browser-host-files';
import { HOST_FLAG, launcherFileName, launcherScript } from '../browser/host/launchers';
import type { LauncherTarget } from '../browser/host/launchers';
import { installHostManifests, removeHostManifests } from '../browser/manifests';
import { SOCKET_ENV } from '../browser/socket-path';
import type { RegistryPort, UserDirs } from '../browser/manifests';

export interface HostProgram {
  /** A packaged app (RunAsNode fuse off): the binary itself in host mode. */
  packaged: boolean;
  /** process.execPath: TrayOTP's binary, or Electron's in development. */
  execPath: string;
  /** $APPIMAGE when running from an AppImage: the file that stays where it is. */
  appImage?: string | undefined;
  /** Development: the built relay (extension/dist/host/host.cjs, `npm run build:browser`). */
  hostScript: string;
}

/**
 * What the launcher runs: the packaged binary in host mode, or Electron as Node in development;
 * with `socketPath`, the launcher hands the host the app's own socket path, so the two agree even
 * when the browser was started with another environment (no $XDG_RUNTIME_DIR, say).
 */
export function launcherTarget(program: HostProgram, socketPath?: string): LauncherTarget {
  const socket = socketPath ? { [SOCKET_ENV]: socketPath } : undefined;
  if (program.packaged) {
    return {
      executable: program.appImage || program.execPath,
      args: [HOST_FLAG],
      ...(socket && { env: socket }),
    };
  }
  return {
    executable: program.execPath,
    args: [program.hostScript],
    env: { ELECTRON_RUN_AS_NODE: '1', ...socket },
  };
}

export interface HostFilesOptions {
  platform: NodeJS.Platform;
  dirs: UserDirs;
  /** TrayOTP's own folder (userData): the launcher lives here. */
  appDir: string;
  program: HostProgram;
  /** Where the app listens: written into the launcher for the host (socket-path.ts). */
  socketPath?: string;
  /** Windows: reg.exe through child_process (absent elsewhere). */
  registry?: RegistryPort;
}

export function launcherPath(options: Pick<HostFilesOptions, 'platform' | 'appDir'>): string {
  return join(options.appDir, launcherFileName(options.platform));
}

export function hostFiles(options: HostFilesOptions): BrowserHostFiles {
  const launcher = launcherPath(options);
  const registry = options.registry ? { registry: options.registry } : {};
  return {
    async install() {
      await mkdir(options.appDir, { recursive: true });
      // Written to a temp name and renamed, so a browser never starts a half-written launcher.
      const temp = `${launcher}.tmp`;
      await writeFile(
        temp,
        launcherScript(options.platform, launcherTarget(options.program, options.socketPath)),
        {
          mode: 0o755,
        },
      );
      await chmod(temp, 0o755);
      await rename(temp, launcher);
      return installHostManifests({
        platform: options.platform,
        dirs: options.dirs,
        hostPath: launcher,
        ...registry,
      });
    },
    async remove() {
      await removeHostManifests({ platform: options.platform, dirs: options.dirs, ...registry });
      await rm(launcher, { force: true });
    },
  };
}
