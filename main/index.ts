// Electron bootstrap only: lifecycle, single-instance lock, the window, wiring. Logic lives in
// main/app (Electron-free use cases) and main/platform (adapters); see docs/architecture.md.
import { join } from 'node:path';
import { app, BrowserWindow, protocol, session, shell } from 'electron';
import { APP_ORIGIN, registerAppScheme, serveApp } from './platform/app-protocol';
import { hardenSession, hardenWebContents } from './platform/hardening';

const devServer = process.env.ELECTRON_RENDERER_URL;

app.setName('TrayOTP');
registerAppScheme(protocol);
// The lock is taken after userData is settled (setName decides its folder), so two copies
// with different profiles never share one vault.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let window: BrowserWindow | undefined;

  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  });

  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, shell, devServer),
  );

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession);
    serveApp(protocol, join(import.meta.dirname, '../renderer'));
    window = new BrowserWindow({
      width: 380,
      height: 560,
      show: false,
      webPreferences: {
        preload: join(import.meta.dirname, '../preload/index.cjs'),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webviewTag: false,
        spellcheck: false,
      },
    });
    window.setContentProtection(true);
    window.once('ready-to-show', () => window?.show());
    void window.loadURL(devServer ?? `${APP_ORIGIN}/index.html`);
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
