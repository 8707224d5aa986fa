// The sync folder's checks (main/app/sync/sync-folder.ts), called directly: ownership, the app's
// own folder inside or around it, a symlink kept as its real path, a trayotp-sync that is a file.
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSyncFolder } from '../../../../main/app/sync/sync-folder';
import { nodeFiles } from '../../../../main/platform/node-files';

const temp = () => mkdtemp(join(tmpdir(), 'trayotp-folder-'));

describe('checkSyncFolder', () => {
  it('refuses a folder of another user', async () => {
    const folder = await temp();
    const appDataDir = await temp();
    const uid = (process.getuid?.() ?? 0) + 4242;
    await expect(checkSyncFolder(folder, { files: nodeFiles, appDataDir, uid })).rejects.toThrow(
      /belongs to another user/,
    );
  });

  it("refuses a folder around TrayOTP's own (the vault would be carried whole)", async () => {
    const home = await temp();
    const appDataDir = join(home, '.config', 'TrayOTP');
    await mkdir(appDataDir, { recursive: true });
    await expect(
      checkSyncFolder(home, { files: nodeFiles, appDataDir, uid: undefined }),
    ).rejects.toThrow(/holds TrayOTP's own files/);
  });

  it('keeps the real path of a symlinked folder; refuses a trayotp-sync that is a file', async () => {
    const base = await temp();
    await mkdir(join(base, 'real'));
    await symlink(join(base, 'real'), join(base, 'link'));
    const appDataDir = await temp();
    expect(
      await checkSyncFolder(join(base, 'link'), { files: nodeFiles, appDataDir, uid: undefined }),
    ).toBe(join(base, 'real'));
    await writeFile(join(base, 'real', 'trayotp-sync'), 'x');
    await expect(
      checkSyncFolder(join(base, 'real'), { files: nodeFiles, appDataDir, uid: undefined }),
    ).rejects.toThrow(/is not a folder; move it away/);
  });
});
