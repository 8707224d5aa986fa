// Every file the app's own code opens by path at run time, in one place: main/index.ts and
// compose.ts build their paths from these, and the packaging test (tests/unit/build/
// package-layout.test.ts) resolves each against the packaged app, so a new one cannot be
// forgotten in electron-builder.yml. Files found by a module specifier (zxing's and sql.js's
// .wasm, the worker candidates) are resolved there from the built bundle itself.
// Electron-free: plain relative paths.

/** package.json's `main`: the built main process, inside app.asar once packaged. */
export const MAIN_ENTRY = 'out/main/index.js';

/** Paths relative to the built main's folder (out/main; `import.meta.dirname` there). */
export const FROM_MAIN_DIR = {
  /** The sandboxed preload, CommonJS (electron.vite.config.ts says why). */
  preload: '../preload/index.cjs',
  /** The renderer's folder, served on the app:// scheme (app-protocol.ts). */
  renderer: '../renderer',
  /** The page the windows load from there. */
  rendererPage: '../renderer/index.html',
  /** The QR decoding worker, one of the main build's own entries. */
  qrWorker: './qr-worker.js',
  /** In development the tray icons are read from the repository's build/ folder. */
  devResources: '../../build',
} as const;

/**
 * The tray icons, relative to process.resourcesPath once packaged (electron-builder.yml's
 * extraResources copies build/tray there) or to FROM_MAIN_DIR.devResources in development.
 * Electron picks the @2x file beside each on a high-density display.
 */
export const TRAY_ICON_DIR = 'tray';

export function trayIconName(platform: NodeJS.Platform): string {
  // macOS: a template image (black and alpha) that the menu bar recolours.
  return platform === 'darwin' ? 'trayTemplate.png' : 'tray.png';
}

/** Every tray icon file any platform loads, @2x included. */
export const TRAY_ICON_FILES = [
  'tray.png',
  'tray@2x.png',
  'trayTemplate.png',
  'trayTemplate@2x.png',
] as const;
