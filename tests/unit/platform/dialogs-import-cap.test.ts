// The import dialog reads the import cap from budgets.ts (issue 24): it used to allow 64 MiB, so a
// 40 MiB file was read into memory only to be refused by the importers afterwards.
import { mkdtemp, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES } from '../../../main/importers/budgets';
import { ElectronDialogs } from '../../../main/platform/dialogs';

async function pickedFrom(size: number) {
  const dir = await mkdtemp(join(tmpdir(), 'trayotp-dialog-cap-'));
  const path = join(dir, 'export.json');
  await writeFile(path, '');
  await truncate(path, size); // sparse: costs no disk
  const dialog = { showOpenDialog: async () => ({ canceled: false, filePaths: [path] }) };
  return new ElectronDialogs(dialog as never, () => undefined).pickImportFile();
}

describe('the import dialog and the import cap', () => {
  it('refuses a file one byte over the import cap, naming the cap', async () => {
    await expect(pickedFrom(MAX_IMPORT_BYTES + 1)).rejects.toMatchObject({
      code: 'file-too-big',
      message: expect.stringMatching(/export\.json is 32 MiB.*at most 32 MiB/),
    });
  });

  it('reads a file at the cap', async () => {
    expect((await pickedFrom(MAX_IMPORT_BYTES))?.bytes.length).toBe(MAX_IMPORT_BYTES);
  });
});
