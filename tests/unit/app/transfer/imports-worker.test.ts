// The app's import reads the picked file in the reading worker (issue 24): this process never
// recognises or parses the bytes itself. The importers' registry is watched here; the worker's
// own copy of it runs in another thread, where this mock does not reach.
import { readFile } from 'node:fs/promises';
import { describe, expect, it, vi } from 'vitest';
import { fakeApp } from '../../../fakes/app';
import { testdataPath } from '../../../support/testdata';
import type * as Registry from '../../../../main/importers/registry';

const calls = vi.hoisted(() => ({ detectFormat: 0, importFile: 0 }));

vi.mock('../../../../main/importers/registry', async (importOriginal) => {
  const real = await importOriginal<typeof Registry>();
  return {
    ...real,
    detectFormat: (...args: Parameters<typeof real.detectFormat>) => {
      calls.detectFormat++;
      return real.detectFormat(...args);
    },
    importFile: (...args: Parameters<typeof real.importFile>) => {
      calls.importFile++;
      return real.importFile(...args);
    },
  };
});

describe('Imports: the file is read in the reading worker', () => {
  it('pick, preview and confirm never parse the file in this process', async () => {
    const bytes = await readFile(testdataPath('interop/aegis/aegis_encrypted.json'));
    const { app } = await fakeApp({ pick: { fileName: 'aegis_encrypted.json', bytes } });
    await app.session.create();
    const picked = (await app.imports.pickFile())!;
    expect(picked).toMatchObject({ formatLabel: 'Aegis', encrypted: true });
    const preview = await app.imports.preview(picked.importId, 'test');
    expect(preview.entries).toHaveLength(7);
    expect(await app.imports.confirm(picked.importId, [])).toMatchObject({ added: 7 });
    expect(calls).toEqual({ detectFormat: 0, importFile: 0 });
  });
});
