// Build config: three bundles (main, preload, renderer) plus the `trayotp` CLI (out/main/cli.js)
// and the reading worker (out/main/import-worker.js), which are built apart from the app.
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { build } from 'vite';
import type { Plugin } from 'vite';

/**
 * The CLI is a build of its own, after the main one, into the same folder (it finds the
 * Argon2id worker there). Built as another input of the main bundle it shared chunks with the
 * app, and Rolldown placed a module both need (the QR worker client) in the app's entry chunk:
 * the CLI's image commands then imported out/main/index.js, hence Electron, and failed. Its own
 * build cannot reach the app's chunks (tests/unit/cli/built-cli.test.ts checks the import graph).
 * Its chunks are split per command, so `trayotp code` loads no image or SQLite decoder.
 */
function cliBuild(): Plugin {
  let outDir = '';
  return {
    name: 'trayotp:cli',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async closeBundle() {
      await build({
        configFile: false,
        logLevel: 'warn',
        ssr: { target: 'node' }, // packages stay external: loaded from node_modules at run time
        build: {
          ssr: true,
          outDir,
          emptyOutDir: false,
          target: 'node20',
          minify: false,
          rolldownOptions: {
            input: {
              cli: resolve('main/cli/index.ts'),
              // Every foreign file is parsed there (main/import-worker/client.ts finds it by
              // name). Built here, with the CLI, not with the app: as an input of the app's build
              // it shared the app's chunks, and Rolldown put the QR worker client an image import
              // needs in the app's entry chunk, so reading a picture loaded out/main/index.js, hence
              // Electron, inside the worker (built-cli.test.ts checks both import graphs).
              'import-worker': resolve('main/import-worker/worker.ts'),
            },
            output: {
              format: 'es',
              entryFileNames: '[name].js',
              chunkFileNames: 'chunks/cli-[name]-[hash].js',
            },
          },
        },
      });
    },
  };
}

export default defineConfig({
  main: {
    plugins: [cliBuild()],
    build: {
      rollupOptions: {
        input: {
          index: resolve('main/index.ts'),
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
