// Electron bootstrap only: lifecycle, single-instance lock, hardening, then the composition
// root (main/platform/compose.ts). Logic lives in main/app (Electron-free use cases) and
// main/platform (adapters); see docs/architecture.md.
import { join } from 'node:path';
import { app, protocol, session, shell } from 'electron';
import { registerAppScheme, serveApp } from './platform/app-protocol';
import { composeApp } from './platform/compose';
import type { RunningApp } from './platform/compose';
import { hardenSession, hardenWebContents } from './platform/hardening';
import { FROM_MAIN_DIR } from './platform/runtime-paths';
import { HOST_FLAG } from './browser/host/launchers';
import { hostMain } from './browser/host/main';
import { peerCredentials } from './platform/peer-credentials';
import { parseInstanceArgs } from './app/shared/second-instance';

const devServer = process.env.ELECTRON_RENDERER_URL;
// Started by a browser as its native-messaging host (the launcher passes HOST_FLAG): relay, and
// nothing of the app — no window, no single-instance lock, no vault (launchers.ts says why).
const hostArgs = process.argv.includes(HOST_FLAG)
  ? process.argv.slice(process.argv.indexOf(HOST_FLAG) + 1)
  : undefined;
if (hostArgs) {
  void hostMain(hostArgs, peerCredentials()).then((status) => {
    // stdout may still hold a last error frame for the browser; let it drain, then go.
    setTimeout(() => app.exit(status), 200);
  });
}

app.setName('TrayOTP');
// In a Wayland session, global shortcuts reach an app only through the desktop portal
// (xdg-desktop-portal's GlobalShortcuts); X11 sessions are unaffected. Must precede ready.
// GNOME also needs GlobalShortcutsPortalPreferredTrigger: without it Chromium never creates the
// portal listener there and register() fails (electron#52221 turns it on by default; named here
// so an Electron without that change works too). Even then register() only says the request was
// sent (electron#52218), so Settings → Typing also offers `trayotp --type-code` to bind.
if (process.platform === 'linux') {
  app.commandLine.appendSwitch(
    'enable-features',
    'GlobalShortcutsPortal,GlobalShortcutsPortalPreferredTrigger',
  );
}
// Tests (and people who keep several profiles) point the app at another folder.
if (process.env.TRAYOTP_USER_DATA) app.setPath('userData', process.env.TRAYOTP_USER_DATA);
registerAppScheme(protocol);
// The lock is taken after userData is settled (setName decides its folder), so two copies with
// different profiles never share one vault.
if (hostArgs) {
  // The relay above runs alone.
} else if (!app.requestSingleInstanceLock({ command: parseInstanceArgs(process.argv) })) {
  // The running TrayOTP gets our command (`--type-code` from a desktop shortcut) and acts.
  app.quit();
} else {
  let running: RunningApp | undefined;
  let quitting = false;

  // Another `trayotp` was started: what its command line asks (second-instance.ts decides).
  app.on('second-instance', (_event, argv, _cwd, additionalData) =>
    running?.secondInstance(argv, additionalData),
  );
  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, shell, devServer),
  );
  // A tray app stays when its window closes; it quits from the tray menu.
  app.on('window-all-closed', () => {});
  app.on('before-quit', (event) => {
    if (quitting || !running) return;
    // Clear a code we left on the clipboard and drop the keys before leaving.
    event.preventDefault();
    quitting = true;
    void running.quit().finally(() => app.quit());
  });

  void app.whenReady().then(async () => {
    if (process.platform === 'darwin') app.dock?.hide();
    hardenSession(session.defaultSession);
    serveApp(protocol, join(import.meta.dirname, FROM_MAIN_DIR.renderer));
    running = await composeApp({ mainDir: import.meta.dirname, devServer });
  });
}
