import { mkdtemp, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ElectronDialogs, MAX_PICKED_BYTES } from '../../../main/platform/dialogs';

async function fixture() {
  const dir = await mkdtemp(join(tmpdir(), 'trayotp-dialogs-'));
  const file = join(dir, 'export.json');
  await writeFile(file, '{"a":1}');
  return { dir, file };
}

function dialogs(
  open: { canceled: boolean; filePaths: string[] },
  save = { canceled: false, filePath: '/tmp/x' },
) {
  const calls: unknown[][] = [];
  const dialog = {
    showOpenDialog: async (...args: unknown[]) => {
      calls.push(args);
      return open;
    },
    showSaveDialog: async (...args: unknown[]) => {
      calls.push(args);
      return save;
    },
  };
  return { calls, adapter: new ElectronDialogs(dialog as never, () => undefined) };
}

describe('ElectronDialogs', () => {
  it('reads the picked file', async () => {
    const { file } = await fixture();
    const { adapter } = dialogs({ canceled: false, filePaths: [file] });
    const picked = await adapter.pickImportFile();
    expect(picked?.fileName).toBe('export.json');
    expect(Buffer.from(picked!.bytes).toString()).toBe('{"a":1}');
  });

  it("offers the export files of every app TrayOTP reads, KeePass's .kdbx among them", async () => {
    const { calls, adapter } = dialogs({ canceled: true, filePaths: [] });
    await adapter.pickImportFile();
    const options = calls[0]?.at(-1) as { filters: { name: string; extensions: string[] }[] };
    const exports = options.filters.find((filter) => filter.name === 'Authenticator exports');
    expect(exports?.extensions).toEqual(
      expect.arrayContaining(['json', 'txt', 'csv', 'zip', '2fas', 'aegis', 'kdbx', 'kdb']),
    );
  });

  it('cancel is undefined, for open and save', async () => {
    expect(await dialogs({ canceled: true, filePaths: [] }).adapter.pickImage()).toBeUndefined();
    const { adapter } = dialogs(
      { canceled: true, filePaths: [] },
      { canceled: true, filePath: '' },
    );
    expect(await adapter.pickSavePath('x.json')).toBeUndefined();
  });

  it('refuses folders and files too big to be an export, by name', async () => {
    const { dir, file } = await fixture();
    await expect(
      dialogs({ canceled: false, filePaths: [dir] }).adapter.pickImportFile(),
    ).rejects.toMatchObject({
      code: 'not-a-file',
    });
    await truncate(file, MAX_PICKED_BYTES + 1);
    await expect(
      dialogs({ canceled: false, filePaths: [file] }).adapter.pickImportFile(),
    ).rejects.toThrow(/export.json is 64 MiB; TrayOTP reads files of at most 32 MiB here/);
  });

  it('suggests the export file name', async () => {
    const { adapter, calls } = dialogs({ canceled: false, filePaths: [] });
    expect(await adapter.pickSavePath('aegis-export.json')).toBe('/tmp/x');
    expect(calls[0]).toEqual([{ title: 'Export accounts', defaultPath: 'aegis-export.json' }]);
  });
});
