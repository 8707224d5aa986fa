// Proton Authenticator exports: the plain interop file, and the encrypted form built here from
// Proton's published scheme (no sample file of it exists to test against).
import { createCipheriv } from 'node:crypto';
import { argon2id } from 'hash-wasm';
import { describe, expect, it } from 'vitest';
import { protonImporter } from '../../../main/importers/proton';
import { describeInterop } from './interop-harness';

describeInterop({ set: 'aegis', format: 'proton', files: ['proton_authenticator.json'] });

const encode = (json: unknown) => ({
  fileName: 'proton.json',
  bytes: new TextEncoder().encode(JSON.stringify(json)),
});

const plain = {
  version: 1,
  entries: [
    {
      id: '1',
      content: {
        uri: 'otpauth://totp/Old%20label?secret=JBSWY3DPEHPK3PXP&issuer=GitHub',
        entry_type: 'Totp',
        name: 'alice',
      },
      note: 'work',
    },
    { id: '2', content: { uri: 'steam://JBSWY3DPEHPK3PXP', entry_type: 'Steam', name: 'gamer' } },
    { id: '3', content: { uri: 'https://example.com', entry_type: 'Totp', name: 'web' } },
  ],
};

async function encrypt(json: unknown, password: string, aad: string): Promise<Uint8Array> {
  const salt = Buffer.alloc(16, 7);
  const nonce = Buffer.alloc(12, 9);
  const key = await argon2id({
    password,
    salt,
    iterations: 2,
    memorySize: 19 * 1024,
    parallelism: 1,
    hashLength: 32,
    outputType: 'binary',
  });
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(JSON.stringify(json)), cipher.final()]);
  const content = Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64');
  return new TextEncoder().encode(
    JSON.stringify({ version: 1, salt: salt.toString('base64'), content }),
  );
}

describe('proton importer', () => {
  it('takes the name from the entry, the issuer from the link; steam:// is Steam', async () => {
    const result = await protonImporter.read(encode(plain));
    expect(
      result.entries.map((e) => [e.account.type, e.account.issuer, e.account.name, e.note]),
    ).toEqual([
      ['totp', 'GitHub', 'alice', 'work'],
      ['steam', 'Steam', 'gamer', undefined],
    ]);
    expect(result.skipped).toEqual([
      {
        label: 'web',
        reason: 'Its link is neither otpauth:// nor steam://: "https://example.com".',
      },
    ]);
  });

  it('reads an encrypted export, and tells a missing from a wrong password', async () => {
    const bytes = await encrypt(plain, 'hunter2', 'proton.authenticator.export.v1');
    const input = { fileName: 'proton-encrypted.json', bytes };
    expect(protonImporter.detect(input)).toEqual({ confidence: 1, encrypted: true });
    const result = await protonImporter.read(input, 'hunter2');
    expect(result.entries).toHaveLength(2);
    await expect(protonImporter.read(input)).rejects.toMatchObject({ code: 'password-required' });
    await expect(protonImporter.read(input, 'hunter3')).rejects.toMatchObject({
      code: 'wrong-password',
    });
  });

  it('refuses an encrypted export of an unknown version as unsupported', async () => {
    const input = encode({ version: 2, salt: 'AAAA', content: 'AAAA' });
    await expect(protonImporter.read(input, 'x')).rejects.toMatchObject({ code: 'unsupported' });
  });
});
