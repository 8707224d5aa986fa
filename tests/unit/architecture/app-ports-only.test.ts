// "main/app depends on ports only" (issue 26) is kept by lint (eslint.config.js): the app imports
// no Node built-in but node:path, no adapter (main/platform) and not electron, and uses no timer,
// process or Date.now global. This lints a probe file placed in main/app with the project's own
// config, so the rule cannot be dropped or narrowed without a failing test. And the other way:
// the adapters and IPC take from main/app only its ports and main/app/shared/.
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

async function problems(source: string, file = 'main/app/sync/probe.ts'): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(source, { filePath: `${ROOT}/${file}` });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId?.startsWith('no-restricted'))
    .map((m) => `${m.line}: ${m.ruleId}`);
}

describe('main/app depends on ports only (lint)', () => {
  it('refuses Node built-ins, adapters, electron, timers, the process and Date.now', async () => {
    const source = [
      "import { readFile } from 'node:fs/promises';",
      "import { hostname } from 'os';",
      "import type { Stats } from 'node:fs';",
      "import { nodeFiles } from '../../platform/node-files';",
      "import { app } from 'electron';",
      'export const a = [readFile, hostname, nodeFiles, app];',
      'export type S = Stats;',
      'export const b = setTimeout(() => {}, 1);',
      'export const c = setInterval(() => {}, 1);',
      'export const d = Date.now();',
      'export const e = process.getuid?.();',
    ].join('\n');
    expect(await problems(source)).toEqual([
      '1: no-restricted-imports',
      '2: no-restricted-imports',
      '3: no-restricted-imports',
      '4: no-restricted-imports',
      '5: no-restricted-imports',
      '8: no-restricted-globals',
      '9: no-restricted-globals',
      '10: no-restricted-properties',
      '11: no-restricted-globals',
    ]);
  });

  it('allows node:path, the ports, the Clock and Web Crypto', async () => {
    const source = [
      "import { join } from 'node:path';",
      "import type { Files } from '../ports/files';",
      "import type { Clock } from '../../time/clock';",
      'export const f = (files: Files, clock: Clock) => [files, clock.now(), join("a", "b")];',
      'export const id = crypto.randomUUID();',
    ].join('\n');
    expect(await problems(source)).toEqual([]);
  });

  it('lets the adapters take from main/app only its ports and main/app/shared/', async () => {
    const source = [
      "import { trayMenu } from '../app/shared/tray-menu';",
      "import type { Files } from '../app/ports/files';",
      "import { Codes } from '../app/codes/codes';",
      "import { assembleApp } from '../app/assemble';",
      'export const x = [trayMenu, Codes, assembleApp];',
      'export type F = Files;',
    ].join('\n');
    expect(await problems(source, 'main/platform/probe.ts')).toEqual([
      '3: no-restricted-imports',
      '4: no-restricted-imports',
    ]);
    // The composition root also calls assembleApp; IPC too (its App type).
    expect(await problems(source, 'main/platform/compose.ts')).toEqual([
      '3: no-restricted-imports',
    ]);
    expect(await problems(source, 'main/ipc/probe.ts')).toEqual(['3: no-restricted-imports']);
  });

  it('leaves the adapters their Node built-ins', async () => {
    const source = "import { stat } from 'node:fs/promises';\nexport const s = stat;\n";
    expect(await problems(source, 'main/platform/probe.ts')).toEqual([]);
  });
});
