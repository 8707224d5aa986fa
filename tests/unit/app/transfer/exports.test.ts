// Exports (main/app/transfer/exports.ts): what needs a passphrase or an acknowledgement, and
// files that import again.
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { fakeApp } from '../../../fakes/app';

const GITHUB = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';

describe('Exports', () => {
  it('exports: otpauth needs the acknowledgement, encrypted kinds a passphrase; files re-import', async () => {
    const { app, dir } = await fakeApp();
    await app.session.create();
    await app.adding.addUri(GITHUB);
    await expect(app.exports.export('otpauth', {})).rejects.toMatchObject({
      code: 'unencrypted-export',
    });
    await expect(app.exports.export('trayotp', {})).rejects.toMatchObject({
      code: 'passphrase-required',
    });
    const plain = (await app.exports.export('otpauth', { acknowledgeUnencrypted: true }))!;
    expect(plain.path).toBe(join(dir, 'otpauth-links.txt'));
    expect(await readFile(plain.path, 'utf8')).toContain(
      'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP',
    );
    const backup = (await app.exports.export('trayotp', { passphrase: 'backup pass' }))!;
    const { importFile } = await import('../../../../main/importers');
    const reread = await importFile(
      { fileName: 'x', bytes: await readFile(backup.path) },
      { password: 'backup pass' },
    );
    expect(reread.entries.map((e) => e.account.issuer)).toEqual(['GitHub']);
    // Never over an existing file.
    await expect(app.exports.export('otpauth', { acknowledgeUnencrypted: true })).rejects.toThrow(
      /already exists/,
    );
  });
});
