// Authy's shared_prefs XML, plain (decryptedSecret) and encrypted with the backup password.
import { createCipheriv, pbkdf2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { authyImporter } from '../../../main/importers/authy';
import { describeInterop } from './interop-harness';

// Authy stores no period: the file means 30 s, which is what expected.json lists (Aegis's test
// copies the vector's period instead of checking it).
describeInterop({
  set: 'aegis',
  format: 'authy',
  files: ['authy_plain.xml', 'authy_encrypted.xml'],
});

const KEY = 'com.authy.storage.tokens.authenticator.key';
function prefs(entries: unknown[]) {
  const json = JSON.stringify(entries).replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  return {
    fileName: 'com.authy.storage.tokens.authenticator.xml',
    bytes: new TextEncoder().encode(
      `<?xml version='1.0' ?>\n<map><string name="${KEY}">${json}</string></map>`,
    ),
  };
}
function encryptSecret(secret: string, password: string, salt: string): string {
  const key = pbkdf2Sync(password, Buffer.from(salt), 1000, 32, 'sha1');
  const cipher = createCipheriv('aes-256-cbc', key, Buffer.alloc(16));
  return Buffer.concat([cipher.update(secret), cipher.final()]).toString('base64');
}

describe('authy importer', () => {
  it.each([
    [{ originalName: 'GitHub:alice', name: 'GitHub: alice' }, 'GitHub', 'alice'],
    [{ originalIssuer: 'Site', originalName: 'x', name: 'Site - bob' }, 'Site', 'bob'],
    [{ name: 'Shop - carol' }, 'Shop', 'carol'],
    [{ name: 'renamed' }, '', 'renamed'],
  ])('names %j as issuer %j, name %j', async (fields, issuer, name) => {
    const result = await authyImporter.read(
      prefs([{ ...fields, decryptedSecret: 'JBSWY3DPEHPK3PXP', digits: 7 }]),
    );
    expect(
      result.entries.map((e) => [
        e.account.issuer,
        e.account.name,
        e.account.digits,
        e.account.period,
      ]),
    ).toEqual([[issuer, name, 7, 30]]);
  });

  it('skips the one account a password does not open when others open', async () => {
    const good = {
      name: 'a',
      salt: 's1',
      digits: 6,
      encryptedSecret: encryptSecret('JBSWY3DPEHPK3PXP', 'pw', 's1'),
    };
    const bad = {
      name: 'b',
      salt: 's2',
      digits: 6,
      encryptedSecret: encryptSecret('JBSWY3DPEHPK3PXP', 'other', 's2'),
    };
    const result = await authyImporter.read(prefs([good, bad]), 'pw');
    expect(result.entries.map((e) => e.account.name)).toEqual(['a']);
    expect(result.skipped).toEqual([
      { label: 'b', reason: 'The backup password does not decrypt this account.' },
    ]);
  });

  it('says wrong-password when no account opens', async () => {
    const entry = {
      name: 'a',
      salt: 's',
      digits: 6,
      encryptedSecret: encryptSecret('JBSWY3DPEHPK3PXP', 'pw', 's'),
    };
    await expect(authyImporter.read(prefs([entry]), 'nope')).rejects.toMatchObject({
      code: 'wrong-password',
    });
  });

  it('calls shared_prefs whose token list is not JSON damaged', async () => {
    const input = {
      fileName: 'x.xml',
      bytes: new TextEncoder().encode(`<map><string name="${KEY}">[oops</string></map>`),
    };
    expect(authyImporter.detect(input).confidence).toBe(0);
    await expect(authyImporter.read(input)).rejects.toMatchObject({ code: 'damaged' });
  });
});
