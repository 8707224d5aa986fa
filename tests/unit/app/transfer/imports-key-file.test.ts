// A KeePass database that needs a key file: the Import view picks one through main (the window
// never sees its bytes) and every read of that import passes it on.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { testdataPath } from '../../../support/testdata';
import { fakeApp } from '../../../fakes/app';

describe('Imports: an import with a key file', () => {
  it('reads the database with the picked key file and the password; without it, wrong password', async () => {
    const { app } = await fakeApp({
      pick: {
        fileName: 'database.kdbx',
        bytes: await readFile(testdataPath('keepass/kdbx-rs-kdbx4-argon2d-key-file.kdbx')),
      },
      keyFile: {
        fileName: 'database.key',
        bytes: await readFile(testdataPath('keepass/kdbx-rs-kdbx4-argon2d-key-file.key')),
      },
    });
    await app.session.create();
    const picked = (await app.imports.pickFile())!;
    expect(picked).toMatchObject({ formatLabel: 'KeePass / KeePassXC', encrypted: true });
    await expect(app.imports.preview(picked.importId, 'kdbxrs')).rejects.toMatchObject({
      code: 'wrong-password',
    });
    expect(await app.imports.pickKeyFile(picked.importId)).toEqual({
      fileName: 'database.key',
    });
    const preview = await app.imports.preview(picked.importId, 'kdbxrs');
    expect(preview).toMatchObject({ format: 'keepass', entries: [] });
  });

  it('an expired import cannot take a key file', async () => {
    const { app } = await fakeApp();
    await app.session.create();
    await expect(app.imports.pickKeyFile('no-such-import')).rejects.toMatchObject({
      code: 'import-expired',
    });
  });
});
