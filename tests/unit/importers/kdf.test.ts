// The KDF helpers: Argon2id from node:crypto (where Node has it) must equal hash-wasm's, the
// fallback Electron uses, over one and several lanes; the cost bounds imported files must meet;
// importFile's progress and cancel for formats without a key derivation.
import { argon2id } from 'hash-wasm';
import { describe, expect, it } from 'vitest';
import { ImportError, importFile } from '../../../main/importers';
import { argon2idKey, nativeArgon2id } from '../../../main/importers/crypto/kdf';
import {
  BITWARDEN_ARGON2,
  ENTE_ARGON2,
  checkAegisScrypt,
  checkArgon2Cost,
  size,
} from '../../../main/importers/crypto/kdf-limits';

const AEGIS = { N: 2 ** 15, r: 8, p: 1 };

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

describe('KDF cost bounds: what each app really writes passes, what no app writes is refused', () => {
  const MiB = 1024;
  const GiB = 1024 * MiB;
  const refusal = (check: () => void) => {
    try {
      check();
    } catch (error) {
      if (error instanceof ImportError) return error.code;
      throw error;
    }
    return 'accepted';
  };

  it.each([
    ['Ente, older apps: 1 GiB × 4 (libsodium SENSITIVE)', GiB, 4, 'accepted'],
    ['Ente since 2025: 256 MiB × 16', 256 * MiB, 16, 'accepted'],
    ['Ente on small devices: 128 MiB × 32', 128 * MiB, 32, 'accepted'],
    ['twice that: 1 GiB × 8', GiB, 8, 'accepted'],
    ['1 GiB × 9', GiB, 9, 'too-costly'],
    ['1 GiB × 1024 (issue 13)', GiB, 1024, 'too-costly'],
    ['2 GiB × 1', 2 * GiB, 1, 'too-costly'],
  ])('Ente Auth %s: %s', (_what, memoryKiB, passes, outcome) => {
    expect(
      refusal(() =>
        checkArgon2Cost('Ente Auth', { memoryKiB, passes, parallelism: 1 }, ENTE_ARGON2),
      ),
    ).toBe(outcome);
  });

  it.each([
    ['default: 64 MiB × 3 × 4', 64 * MiB, 3, 4, 'accepted'],
    ["Bitwarden's maximum: 1 GiB × 10 × 16", GiB, 10, 16, 'accepted'],
    ["Bitwarden's minimum: 16 MiB × 2 × 1", 16 * MiB, 2, 1, 'accepted'],
    ['1 GiB × 11', GiB, 11, 4, 'too-costly'],
    ['64 MiB × 10 million (issue 13)', 64 * MiB, 10_000_000, 4, 'too-costly'],
    ['17 lanes', 64 * MiB, 3, 17, 'too-costly'],
  ])('Bitwarden Argon2id %s: %s', (_what, memoryKiB, passes, parallelism, outcome) => {
    expect(
      refusal(() =>
        checkArgon2Cost('Bitwarden', { memoryKiB, passes, parallelism }, BITWARDEN_ARGON2),
      ),
    ).toBe(outcome);
  });

  it.each([
    ["Aegis's own slot, both password forms", [AEGIS, AEGIS], 'accepted'],
    ['4 slots × 2 forms', Array.from({ length: 8 }, () => AEGIS), 'accepted'],
    ['r=64, N=2^20: 8 GiB (issue 13)', [{ N: 2 ** 20, r: 64, p: 1 }], 'too-costly'],
    ['r=64, N=2^15: 256 MiB, 8 times the work', [{ N: 2 ** 15, r: 64, p: 1 }], 'accepted'],
    ['p=17: 17 times the work', [{ ...AEGIS, p: 17 }], 'too-costly'],
    ['33 Aegis keys in all', Array.from({ length: 33 }, () => AEGIS), 'too-costly'],
  ])('Aegis scrypt %s: %s', (_what, runs, outcome) => {
    expect(refusal(() => checkAegisScrypt(runs))).toBe(outcome);
  });

  it('sizes read as people write them', () => {
    expect([size(GiB * 1024), size(256 * MiB * 1024), size(1536 * 1024), size(8192)]).toEqual([
      '1 GiB',
      '256 MiB',
      '1.5 MiB',
      '8 KiB',
    ]);
  });
});

describe('importFile progress and cancel, whatever the format', () => {
  const list = {
    fileName: 'codes.txt',
    bytes: new TextEncoder().encode('otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP\n'),
  };

  it('a format read in one go reports exactly one { fraction: 1, stage: "done" }', async () => {
    const seen: unknown[] = [];
    await importFile(list, {}, { onProgress: (p) => seen.push(p) });
    expect(seen).toEqual([{ fraction: 1, stage: 'done' }]);
  });

  it('an import cancelled before or while it runs ends in ImportError "cancelled"', async () => {
    const outcome = (importing: Promise<unknown>) =>
      importing.then(
        () => 'imported',
        (error: ImportError) => error.code,
      );
    expect(await outcome(importFile(list, {}, { signal: AbortSignal.abort() }))).toBe('cancelled');
    const controller = new AbortController();
    const importing = importFile(list, {}, { signal: controller.signal });
    controller.abort(); // after the read started, before it ended
    expect(await outcome(importing)).toBe('cancelled');
  });
});
