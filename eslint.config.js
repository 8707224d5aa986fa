// ESLint flat config. Beyond the recommended rules it enforces the boundaries docs/architecture.md
// draws: the Electron-free code never imports `electron`; imports point inwards only (the core
// never imports the app, its adapters, IPC or the window's contract, and the app never imports
// its adapters); the renderer never reaches into the main process; preload/ (the contract and its
// views) is a leaf that imports neither main nor the renderer, and the core may import only its
// views.
import { builtinModules } from 'node:module';
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
      // preload itself, the contract, the bridge and the names; not preload/views/ (regex: a
      // negated glob cannot take a folder back out of an ignored parent).
      regex: '(^|/)preload(/(?!views(/|$)).*)?$',
      message:
        "The core never imports the window's contract (preload/contract.ts, the bridge); the app maps core values to it. It may import preload/views/: zod schemas of what the window is shown, a leaf that imports nothing of main.",
    },
  ],
};

/**
 * Foreign files are parsed only in the reading worker (issue 24): outside main/importers and
 * main/import-worker, nothing imports an importer or the registry's parsing functions. Allowed:
 * the errors, types, duplicate matching, bounds and exporters, which parse nothing.
 */
const FOREIGN_FILE_PARSERS = [
  {
    group: [
      '**/importers/*',
      '**/importers/*/**',
      '!**/importers/errors',
      '!**/importers/types',
      '!**/importers/duplicates',
      '!**/importers/budgets',
      '!**/importers/export',
      '!**/importers/export/**',
    ],
    message:
      'Foreign files are parsed only in the reading worker: use readForeignFile / detectForeignFile from main/import-worker/client (issue 24).',
  },
  {
    group: ['**/importers'],
    importNames: [
      'importFile',
      'detectFormat',
      'importers',
      'describeContent',
      'readMigrationImages',
    ],
    message:
      'Foreign files are parsed only in the reading worker: use readForeignFile / detectForeignFile from main/import-worker/client (issue 24).',
  },
];

/** The core's rule, plus the reading worker's, for core folders other than the importers. */
const CORE_OUTSIDE_IMPORTERS = {
  ...CORE_IMPORTS,
  patterns: [...CORE_IMPORTS.patterns, ...FOREIGN_FILE_PARSERS],
};

/**
 * main/app depends on ports only (issue 26): it reads no file, starts no timer and asks the
 * process nothing itself; those come in as ports (main/app/ports/, main/time/clock.ts) whose Node
 * adapters live in main/platform/. Of Node's built-ins it may use node:path only (string
 * functions on paths, no I/O). Random ids come from Web Crypto's global crypto.randomUUID().
 */
const APP_NODE_BUILTINS_ALLOWED = ['path'];
const NODE_BUILTINS_IN_APP = builtinModules
  .filter((name) => !name.startsWith('_'))
  .filter((name) => !APP_NODE_BUILTINS_ALLOWED.includes(name.replace(/^node:/, '').split('/')[0]))
  .flatMap((name) => (name.startsWith('node:') ? [name] : [name, `node:${name}`]))
  .map((name) => ({
    name,
    message:
      'main/app uses no Node built-in but node:path: take files, timers and the process through a port (main/app/ports/, the Clock in main/time/clock.ts) with its adapter in main/platform/.',
  }));

/** Timers and the process, as globals: the same rule as the built-ins above. */
const APP_GLOBALS = [
  ...[
    'setTimeout',
    'setInterval',
    'setImmediate',
    'clearTimeout',
    'clearInterval',
    'clearImmediate',
  ].map((name) => ({
    name,
    message: 'main/app schedules through the Clock port (main/time/clock.ts), so tests drive time.',
  })),
  {
    name: 'process',
    message:
      'main/app asks the process nothing: the user id, host name and platform come in as ThisComputer (main/app/ports/this-computer.ts).',
  },
];

const APP_IMPORTS = {
  paths: [...electronFree.paths, ...NODE_BUILTINS_IN_APP],
  patterns: [
    ...notInto(
      ['platform', 'ipc'],
      'main/app never imports its adapters (main/platform) or IPC (main/ipc): it declares a port in main/app/ports/, and compose.ts passes the adapter to assembleApp.',
    ),
    ...FOREIGN_FILE_PARSERS,
  ],
};

/** What preload/ (the contract, the bridge, the views) never imports: it is the leaf. */
const PRELOAD_IMPORTS = notInto(
  ['main', 'renderer'],
  'preload/ is a leaf: it never imports main-process or window code. Put a schema both sides need in preload/views/ and import it from there.',
);

/**
 * What the adapters (main/platform) and IPC (main/ipc) may take from main/app: its ports and
 * what main/app/shared/ holds for both sides (the tray menu's model, the popup's position, the
 * settings file's rules, the region request, user errors), never a service; the composition root
 * (compose.ts) and IPC also reach assembleApp and its App type.
 */
const APP_ALLOWED_FOR_ADAPTERS = ['ports/', 'shared/'];
const APP_ALLOWED_FOR_COMPOSITION = [...APP_ALLOWED_FOR_ADAPTERS, 'assemble$', 'adapters$'];
function appForAdapters(allowed) {
  return {
    regex: `(^|/)app/(?!${allowed.join('|')})`,
    message:
      'The adapters and IPC take from main/app only its ports (main/app/ports/) and main/app/shared/, never a service; a helper both sides need goes to main/app/shared/.',
  };
}
const APP_FOR_ADAPTERS = appForAdapters(APP_ALLOWED_FOR_ADAPTERS);
const APP_FOR_COMPOSITION = appForAdapters(APP_ALLOWED_FOR_COMPOSITION);

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
      'main/qr/**',
      'main/cli/**',
      'main/directory/**',
      'main/sync/**',
      'main/time/**',
      'main/browser/**',
    ],
    // backup-apps.ts names the importer of each followed app (an object it never calls), and
    // backup-follow.ts hands that importer's id to the reading worker (readBackup).
    ignores: ['main/sync/backup-apps.ts', 'main/sync/backup-follow.ts'],
    rules: { 'no-restricted-imports': ['error', CORE_OUTSIDE_IMPORTERS] },
  },
  {
    files: [
      'main/importers/**',
      'main/import-worker/**',
      'main/sync/backup-apps.ts',
      'main/sync/backup-follow.ts',
    ],
    rules: { 'no-restricted-imports': ['error', CORE_IMPORTS] },
  },
  {
    // The adapters, IPC and the entry point read no foreign file either.
    files: ['main/platform/**', 'main/ipc/**', 'main/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: FOREIGN_FILE_PARSERS }] },
  },
  {
    files: ['main/platform/**'],
    ignores: ['main/platform/compose.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...FOREIGN_FILE_PARSERS, APP_FOR_ADAPTERS] }],
    },
  },
  {
    files: ['main/platform/compose.ts', 'main/ipc/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...FOREIGN_FILE_PARSERS, APP_FOR_COMPOSITION] },
      ],
    },
  },
  {
    files: ['main/app/**'],
    rules: {
      'no-restricted-imports': ['error', APP_IMPORTS],
      'no-restricted-globals': ['error', ...APP_GLOBALS],
      'no-restricted-properties': [
        'error',
        {
          object: 'Date',
          property: 'now',
          message: 'main/app reads the time from the Clock port (main/time/clock.ts).',
        },
      ],
    },
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
            {
              // Of preload, only the contract and its views: the bridge runs in the preload world.
              regex: '(^|/)preload(/(?!contract$|views(/|$)).*)?$',
              message:
                "The renderer imports only preload/contract.ts and preload/views/ (types and schemas); window.trayotp is the bridge's.",
            },
          ],
        },
      ],
    },
  },
  {
    // The contract is a leaf (issue 26): main and the window import it, it imports neither.
    // tests/unit/architecture/import-graph.test.ts checks the same through every hop.
    files: ['preload/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: PRELOAD_IMPORTS }] },
  },
  {
    // The views are the leaf's leaves: zod and each other only, so main/ (the core too) may
    // import them without reaching the contract.
    files: ['preload/views/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: electronFree.paths,
          patterns: [
            ...PRELOAD_IMPORTS,
            {
              regex: '^\\.\\./',
              message:
                'A view imports only zod and the other views (./name): not the contract, the bridge or the channel names.',
            },
          ],
        },
      ],
    },
  },
  {
    // No React component (nor hook) in the renderer over 150 lines (issue 26): a view is built
    // from components and hooks with one concern each, in files named for them. Blank lines and
    // comments count too.
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: { 'max-lines-per-function': ['error', { max: 150 }] },
  },
);
