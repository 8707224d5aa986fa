// Electron bootstrap only: lifecycle, single-instance lock, the window, wiring. Logic lives in
// main/app (Electron-free use cases) and main/platform (adapters); see ../docs and ARCHITECTURE.md.
import { join } from 'node:path';
import { app, BrowserWindow } from 'electron';

app.setName('TrayOTP');
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

  void app.whenReady().then(() => {
    window = new BrowserWindow({
      width: 380,
      height: 560,
      show: false,
      webPreferences: {
        preload: join(import.meta.dirname, '../preload/index.cjs'),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
      },
    });
    window.once('ready-to-show', () => window?.show());
    const devServer = process.env.ELECTRON_RENDERER_URL;
    if (devServer) void window.loadURL(devServer);
    else void window.loadFile(join(import.meta.dirname, '../renderer/index.html'));
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
