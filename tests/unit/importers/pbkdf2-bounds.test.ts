// An andOTP backup names its own PBKDF2 iteration count in its first four bytes. andOTP writes
// 140,000–160,000; a crafted file asking for millions must be refused before any derivation runs
// (a derivation already on Node's thread pool cannot be cancelled).
import { describe, expect, it, vi } from 'vitest';
import type * as Kdf from '../../../main/importers/crypto/kdf';

const derived: number[] = [];
vi.mock('../../../main/importers/crypto/kdf', async (original) => {
  const real = await original<typeof Kdf>();
  return {
    ...real,
    pbkdf2Key: (...args: Parameters<typeof real.pbkdf2Key>) => {
      derived.push(args[2]);
      return real.pbkdf2Key(...args);
    },
  };
});

const { importFile, ImportError } = await import('../../../main/importers');

function andotpFile(iterations: number): Uint8Array {
  const bytes = Buffer.alloc(4 + 12 + 12 + 16 + 40, 7);
  bytes.writeUInt32BE(iterations, 0);
  return bytes;
}

describe('andOTP PBKDF2 iteration bound', () => {
  it.each([3_000_000, 10_000_000, 2 ** 31])(
    'derives nothing for a file asking for %i iterations',
    async (iterations) => {
      derived.length = 0;
      const error = await importFile(
        { fileName: 'otp_accounts.json.aes', bytes: andotpFile(iterations) },
        { format: 'andotp', password: 'x' },
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportError);
      expect(derived.filter((n) => n === iterations)).toEqual([]);
    },
  );

  it("derives with andOTP's own count (the bound is not off)", async () => {
    derived.length = 0;
    await importFile(
      { fileName: 'otp_accounts.json.aes', bytes: andotpFile(150_000) },
      { format: 'andotp', password: 'x' },
    ).catch(() => undefined);
    expect(derived).toContain(150_000);
  });
});
