// The KDF helpers: Argon2id from node:crypto (where Node has it) must equal hash-wasm's, the
// fallback Electron uses, over one and several lanes.
import { argon2id } from 'hash-wasm';
import { describe, expect, it } from 'vitest';
import { argon2idKey, nativeArgon2id } from '../../../main/importers/crypto/kdf';

const params = [
  { iterations: 2, memoryKiB: 8192, parallelism: 1 },
  { iterations: 1, memoryKiB: 4096, parallelism: 4 },
  { iterations: 3, memoryKiB: 64, parallelism: 2 },
];

describe('argon2idKey', () => {
  it.each(params)('equals hash-wasm for %j', async (p) => {
    const salt = Buffer.from('somesaltsomesalt');
    const expected = await argon2id({
      password: 'pässword',
      salt,
      iterations: p.iterations,
      memorySize: p.memoryKiB,
      parallelism: p.parallelism,
      hashLength: 32,
      outputType: 'binary',
    });
    expect(Buffer.from(await argon2idKey('pässword', salt, p, 32))).toEqual(Buffer.from(expected));
    const native = await nativeArgon2id('pässword', salt, p, 32);
    if (native) expect(Buffer.from(native)).toEqual(Buffer.from(expected));
    else console.info('node:crypto has no argon2 here; only the hash-wasm path was checked');
  });
});
