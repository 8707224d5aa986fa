// One runner for every suite, so `npm test` and .ci/run see one report.
// - unit: plain Node tests of the Electron-free core (tests/unit mirrors main/).
// - ui: the React UI in Debian's Chromium via playwright-core (tests/ui).
// - e2e: real OS integration under Xvfb (tests/e2e).
// - browser: the extension in Chromium with the real host, socket and vault (tests/browser).
// - electron: Playwright _electron smoke tests; skip with a reason where the binary is missing.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    // Probes chromium, Xvfb, oathtool and cc once, and prints one line for the suites that skip.
    globalSetup: ['tests/support/tools-setup.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        // Hostile inputs, each in a child process under memory and time bounds (tests/hostile).
        test: {
          name: 'hostile',
          include: ['tests/hostile/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          maxConcurrency: 2,
        },
      },
      {
        test: {
          name: 'ui',
          include: ['tests/ui/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        // The browser extension in Debian's Chromium under Xvfb, against the real host, socket
        // and vault (tests/browser).
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        // TrayOTP sync carried by real Syncthing daemons on 127.0.0.1 (tests/sync).
        test: {
          name: 'sync',
          include: ['tests/sync/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        // Wayland typing and screenshots through Debian's real xdg-desktop-portal frontend on a
        // private session bus, over a test backend (tests/wayland).
        test: {
          name: 'wayland',
          include: ['tests/wayland/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'electron',
          include: ['tests/electron/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
