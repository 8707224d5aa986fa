// The sync folder's chooser over Electron's open dialog (main/platform/dialogs.ts: pickFolder).
import { describe, expect, it } from 'vitest';
import { ElectronDialogs } from '../../../main/platform/dialogs';

function adapter(result: { canceled: boolean; filePaths: string[] }) {
  const calls: unknown[][] = [];
  const dialog = {
    showOpenDialog: async (...args: unknown[]) => (calls.push(args), result),
    showSaveDialog: async () => ({ canceled: true, filePath: '' }),
  };
  return { calls, dialogs: new ElectronDialogs(dialog as never, () => undefined) };
}

describe('ElectronDialogs.pickFolder', () => {
  it('asks for a folder (one may be made there) and returns its path', async () => {
    const { calls, dialogs } = adapter({ canceled: false, filePaths: ['/home/a/Sync'] });
    expect(await dialogs.pickFolder('Choose the sync folder')).toBe('/home/a/Sync');
    expect(calls[0]?.at(-1)).toEqual({
      title: 'Choose the sync folder',
      properties: ['openDirectory', 'createDirectory'],
    });
  });

  it('is undefined when cancelled', async () => {
    expect(
      await adapter({ canceled: true, filePaths: [] }).dialogs.pickFolder('x'),
    ).toBeUndefined();
  });
});
