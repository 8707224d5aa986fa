// The lint rules that keep the contract a leaf (issue 26, eslint.config.js PRELOAD_IMPORTS and
// the renderer's and core's preload patterns), one import at a time; import-graph.test.ts checks
// the same through every hop. ESLINT_CONFIG names another config to check (the one before).
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint(
  process.env.ESLINT_CONFIG ? { overrideConfigFile: process.env.ESLINT_CONFIG } : {},
);

async function refusals(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport {};\n`, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the contract-leaf lint rules', () => {
  it.each([
    ['preload/contract.ts', "import { syncView } from '../main/app/sync/sync-view';"],
    ['preload/contract.ts', "import type { Entry } from '../main/vault';"],
    ['preload/index.ts', "import { App } from '../renderer/src/App';"],
    ['preload/views/clock.ts', "import { CLOCK_LIMITS } from '../../main/time/limits';"],
    ['preload/views/clock.ts', "import { settings } from '../contract';"],
    ['preload/views/clock.ts', "import { METHOD_NAMES } from '../channels';"],
    ['preload/views/clock.ts', "import { ipcRenderer } from 'electron';"],
    ['renderer/src/probe.ts', "import { x } from '../../main/otp/account';"],
    ['renderer/src/probe.ts', "import '../../preload';"],
    ['renderer/src/probe.ts', "import '../../preload/index';"],
    ['renderer/src/probe.ts', "import { METHOD_NAMES } from '../../preload/channels';"],
    ['main/time/probe.ts', "import { clockStatus } from '../../preload/contract';"],
    ['main/sync/probe.ts', "import '../../preload';"],
  ])('%s: %s is refused', async (file, code) => {
    expect(await refusals(file, code)).not.toEqual([]);
  });

  it.each([
    ['preload/contract.ts', "import { syncView } from './views/sync';"],
    ['preload/contract.ts', "import { z } from 'zod';"],
    ['preload/views/code-help.ts', "import { lastClockCheck } from './clock';"],
    ['renderer/src/probe.ts', "import type { AppState } from '../../preload/contract';"],
    ['renderer/src/probe.ts', "import type { SyncView } from '../../preload/views/sync';"],
    ['main/time/probe.ts', "import { clockStatus } from '../../preload/views/clock';"],
    ['main/app/probe.ts', "import type { AppState } from '../../preload/contract';"],
  ])('%s: %s is allowed', async (file, code) => {
    expect(await refusals(file, code)).toEqual([]);
  });
});
