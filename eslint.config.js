// ESLint flat config. Beyond the recommended rules it enforces the boundaries docs/architecture.md
// draws: the Electron-free code never imports `electron`; imports point inwards only (the core
// never imports the app, its adapters, IPC or the window's contract, and the app never imports
// its adapters); the renderer never reaches into the main process.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const electronFree = {
  paths: [
    {
      name: 'electron',
      message:
        'Only main/index.ts, main/platform/ and main/ipc/ may import electron; take what you need through a port in main/app/ports/.',
    },
  ],
};

/** Folders an import may not reach from a given layer, as no-restricted-imports patterns. */
function notInto(folders, why) {
  return folders.map((folder) => ({
    group: [`**/${folder}`, `**/${folder}/**`],
    message: why,
  }));
}

const CORE_IMPORTS = {
  paths: electronFree.paths,
  patterns: [
    ...notInto(
      ['app', 'platform', 'ipc'],
      'The core (otp, vault, qr, importers, directory, sync, time, browser, cli) never imports the app, its adapters or IPC; give it what it needs as a parameter or a port of its own.',
    ),
    {
      group: ['**/preload', '**/preload/**'],
      message:
        "The core never imports the window's contract (preload/); the app maps core values to it.",
    },
  ],
};

const APP_IMPORTS = {
  paths: electronFree.paths,
  patterns: notInto(
    ['platform', 'ipc'],
    'main/app never imports its adapters (main/platform) or IPC (main/ipc): it declares a port in main/app/ports/, and compose.ts passes the adapter to assembleApp.',
  ),
};

export default tseslint.config(
  { ignores: ['out/', 'dist/', 'node_modules/', 'test-results/', 'docs/screenshots/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: [
      'main/otp/**',
      'main/vault/**',
      'main/importers/**',
      'main/qr/**',
      'main/cli/**',
      'main/directory/**',
      'main/sync/**',
      'main/time/**',
      'main/browser/**',
    ],
    rules: { 'no-restricted-imports': ['error', CORE_IMPORTS] },
  },
  {
    files: ['main/app/**'],
    rules: { 'no-restricted-imports': ['error', APP_IMPORTS] },
  },
  {
    // The browser extension (issue 16): page and extension globals; its build output is ignored.
    ignores: ['extension/dist/'],
  },
  {
    files: ['extension/src/**'],
    languageOptions: { globals: { ...globals.browser, ...globals.webextensions } },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: electronFree.paths,
          patterns: [
            {
              group: ['**/main/**', '**/main'],
              message:
                'The renderer never imports main-process code; talk to it through window.trayotp (preload/contract.ts).',
            },
          ],
        },
      ],
    },
  },
);
