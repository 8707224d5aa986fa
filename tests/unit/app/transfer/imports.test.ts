// Imports after a preview (main/app/transfer/imports.ts), on a real export file.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { fakeApp } from '../../../fakes/app';
import { testdataPath } from '../../../support/testdata';

describe('Imports', () => {
  it('imports a file after a preview: duplicates default to skip, one write', async () => {
    const bytes = await readFile(testdataPath('interop/aegis/aegis_plain.json'));
    const { app } = await fakeApp({ pick: { fileName: 'aegis_plain.json', bytes } });
    await app.session.create();
    const picked = (await app.imports.pickFile())!;
    expect(picked).toMatchObject({ formatLabel: 'Aegis', encrypted: false });
    const preview = await app.imports.preview(picked.importId);
    expect(preview.entries.length).toBe(7);
    const result = await app.imports.confirm(picked.importId, []);
    expect(result).toEqual({ added: 7, replaced: 0, skipped: 0 });
    // Importing the same file again finds only duplicates.
    const again = (await app.imports.pickFile())!;
    const second = await app.imports.preview(again.importId);
    expect(second.entries.every((entry) => entry.duplicateOf !== null)).toBe(true);
    expect(await app.imports.confirm(again.importId, [])).toEqual({
      added: 0,
      replaced: 0,
      skipped: 7,
    });
    expect(JSON.stringify(preview)).not.toMatch(/"secret"/);
  });
});
