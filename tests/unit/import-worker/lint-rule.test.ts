// The lint rule that keeps every foreign-file parse in the reading worker (issue 24,
// eslint.config.js FOREIGN_FILE_PARSERS): importing an importer or the registry's parsing
// functions outside main/importers and main/import-worker is an error; the errors, types,
// duplicates, bounds and exporters stay importable.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function ruleMessages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the reading-worker lint rule', () => {
  it.each([
    ['main/app/transfer/probe.ts', "import { importFile } from '../../importers';"],
    ['main/app/transfer/probe.ts', "import { aegisImporter } from '../../importers/aegis';"],
    ['main/cli/commands/probe.ts', "import { detectFormat } from '../../importers/registry';"],
    ['main/sync/probe.ts', "import { argon2idKey } from '../importers/crypto/kdf';"],
    ['main/platform/probe.ts', "import { readImportFile } from '../importers/read-content';"],
  ])('%s: %s is refused', async (file, code) => {
    const messages = await ruleMessages(file, `${code}\nexport {};\n`);
    expect(messages.join('\n')).toMatch(/parsed only in the reading worker/);
  });

  it.each([
    ['main/app/user-errors-probe.ts', "import { ImportError } from '../importers';"],
    ['main/app/probe.ts', "import { ImportError } from '../importers/errors';"],
    ['main/cli/probe.ts', "import { MAX_IMPORT_BYTES } from '../importers/budgets';"],
    ['main/app/probe.ts', "import { exportFiles } from '../importers/export';"],
    ['main/sync/probe.ts', "import { duplicateKey } from '../importers/duplicates';"],
    ['main/import-worker/probe.ts', "import { importFile } from '../importers/registry';"],
    ['main/importers/probe.ts', "import { aegisImporter } from './aegis';"],
  ])('%s: %s is allowed', async (file, code) => {
    expect(await ruleMessages(file, `${code}\nexport {};\n`)).toEqual([]);
  });
});

/** Every .ts file under main/, as a path relative to the project. */
function mainSources(): string[] {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  return readdirSync(join(root, 'main'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join('main', file));
}

describe('no importer is called outside the reading worker', () => {
  it("no file outside main/importers and main/import-worker calls an importer's read or detect", () => {
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    // The two files the lint rule lets hold importer objects (main/sync/backup-apps.ts and
    // backup-follow.ts) are covered here too: they may name importers, never call them.
    const calls = mainSources()
      .filter((file) => !/^main\/(importers|import-worker)\//.test(file))
      .flatMap((file) =>
        readFileSync(join(root, file), 'utf8')
          .split('\n')
          .flatMap((line, i) =>
            /[iI]mporter\)?\.(read|detect)\(/.test(line)
              ? [`${file}:${i + 1}: ${line.trim()}`]
              : [],
          ),
      );
    expect(calls).toEqual([]);
  });
});
