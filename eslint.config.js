// ESLint flat config. Beyond the recommended rules it enforces the process boundaries of
// ../shared/ARCHITECTURE.md: the Electron-free core never imports `electron`, and the renderer
// never reaches into the main process.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const electronFree = {
  paths: [
    {
      name: 'electron',
      message:
        'Only main/index.ts, main/platform/ and main/ipc/ may import electron; take what you need through a port in main/app/ports.ts.',
    },
  ],
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
      'main/app/**',
      'main/cli/**',
      'main/directory/**',
    ],
    rules: { 'no-restricted-imports': ['error', electronFree] },
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
