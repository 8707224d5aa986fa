// A KeePass database that needs a key file: the Import view picks one through main (the window
// never sees its bytes) and every read of that import passes it on.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { testdataPath } from '../../support/testdata';
import { controllerSetup, ok } from './support/controller';

describe('AppController: an import with a key file', () => {
  it('reads the database with the picked key file and the password; without it, wrong password', async () => {
    const { controller } = await controllerSetup({
      pick: {
        fileName: 'database.kdbx',
        bytes: await readFile(testdataPath('keepass/kdbx-rs-kdbx4-argon2d-key-file.kdbx')),
      },
      keyFile: {
        fileName: 'database.key',
        bytes: await readFile(testdataPath('keepass/kdbx-rs-kdbx4-argon2d-key-file.key')),
      },
    });
    ok(await controller.createVault());
    const picked = ok(await controller.importPickFile())!;
    expect(picked).toMatchObject({ formatLabel: 'KeePass / KeePassXC', encrypted: true });
    await expect(controller.importPreview(picked.importId, 'kdbxrs')).rejects.toMatchObject({
      code: 'wrong-password',
    });
    expect(ok(await controller.importPickKeyFile(picked.importId))).toEqual({
      fileName: 'database.key',
    });
    const preview = ok(await controller.importPreview(picked.importId, 'kdbxrs'));
    expect(preview).toMatchObject({ format: 'keepass', entries: [] });
  });

  it('an expired import cannot take a key file', async () => {
    const { controller } = await controllerSetup();
    ok(await controller.createVault());
    await expect(controller.importPickKeyFile('no-such-import')).rejects.toMatchObject({
      code: 'import-expired',
    });
  });
});
