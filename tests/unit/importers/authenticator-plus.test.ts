// Authenticator Plus exports: a ZipCrypto-protected ZIP holding Accounts.txt (otpauth:// list).
import { TextReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';
import { describe, expect, it } from 'vitest';
import { authenticatorPlusImporter } from '../../../main/importers/authenticator-plus';
import { describeInterop } from './interop-harness';

describeInterop({ set: 'aegis', format: 'authenticator-plus', files: ['authenticator_plus.zip'] });

async function zip(files: Record<string, string>, password?: string): Promise<Uint8Array> {
  const writer = new ZipWriter(
    new Uint8ArrayWriter(),
    password ? { password, zipCrypto: true } : {},
  );
  for (const [name, text] of Object.entries(files)) await writer.add(name, new TextReader(text));
  return writer.close();
}

const accounts =
  'otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example\nnot a link\n';

describe('authenticator plus importer', () => {
  it('reads an unprotected export and lists lines that are not links as skipped', async () => {
    const input = { fileName: 'export.zip', bytes: await zip({ 'Accounts.txt': accounts }) };
    expect(authenticatorPlusImporter.detect(input)).toEqual({ confidence: 2, encrypted: false });
    const result = await authenticatorPlusImporter.read(input);
    expect(result.entries.map((e) => e.account.name)).toEqual(['alice']);
    expect(result.skipped).toEqual([
      { label: 'line 2', reason: 'This line is not an otpauth:// link.' },
    ]);
  });

  it('tells a missing from a wrong password on a ZipCrypto export', async () => {
    const input = { fileName: 'export.zip', bytes: await zip({ 'Accounts.txt': accounts }, 'pw') };
    expect(authenticatorPlusImporter.detect(input)).toEqual({ confidence: 2, encrypted: true });
    await expect(authenticatorPlusImporter.read(input)).rejects.toMatchObject({
      code: 'password-required',
    });
    await expect(authenticatorPlusImporter.read(input, 'nope')).rejects.toMatchObject({
      code: 'wrong-password',
    });
    expect((await authenticatorPlusImporter.read(input, 'pw')).entries).toHaveLength(1);
  });

  it('does not claim a ZIP without Accounts.txt', async () => {
    const input = { fileName: 'other.zip', bytes: await zip({ 'notes.txt': 'hello' }) };
    expect(authenticatorPlusImporter.detect(input).confidence).toBe(0);
    await expect(authenticatorPlusImporter.read(input)).rejects.toMatchObject({ code: 'damaged' });
  });
});
