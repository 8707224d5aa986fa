// Build config: three bundles (main, preload, renderer) plus the `trayotp` CLI, which is built
// with the main bundle so it shares the Electron-free core (main/otp, main/vault, ...).
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve('main/index.ts'),
          cli: resolve('main/cli/index.ts'),
          'qr-worker': resolve('main/qr/worker.ts'),
          'argon2id-worker': resolve('main/vault/argon2id-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can require only `electron`: bundle its dependencies (zod) in.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('preload/index.ts') },
        // Sandboxed preload scripts must be CommonJS (Electron cannot load ESM preloads there).
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    build: {
      // The window opens dozens of times a day: a minified bundle parses faster.
      minify: true,
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
