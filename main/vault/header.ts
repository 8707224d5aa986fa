// The header JSON of docs/vault.md § Header JSON: its schema (zod, strict: an unknown field means
// a newer writer, which must bump the version) and its types. Byte fields stay base64 strings
// here; format.ts and slots.ts decode them where they are used.
import { z } from 'zod';
import { KEY_CHECK_BYTES, NONCE_BYTES, TAG_BYTES, MASTER_KEY_BYTES } from './crypto';
import { withinParameterLimits } from './kdf';

export const SALT_BYTES = 32;
/** The largest body a header may announce (256 accounts with the largest icons fit). */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** Base64 of exactly `bytes` bytes (or, with bytes undefined, of 1..4096 bytes). */
function base64Of(bytes?: number) {
  return z.base64().refine(
    (text) => {
      const length = Buffer.from(text, 'base64').length;
      return bytes === undefined ? length >= 1 && length <= 4096 : length === bytes;
    },
    `must be base64 of ${bytes ?? '1 to 4096'} bytes`,
  );
}

const safeInt = (min: number, max = Number.MAX_SAFE_INTEGER) => z.number().int().min(min).max(max);

const argon2idSchema = z.strictObject({
  name: z.literal('argon2id'),
  memoryKiB: safeInt(8, 1_048_576),
  iterations: safeInt(1, 64),
  parallelism: safeInt(1, 16),
  salt: base64Of(SALT_BYTES),
});

const scryptSchema = z.strictObject({
  name: z.literal('scrypt'),
  N: safeInt(2, 2 ** 22),
  r: safeInt(1, 32),
  p: safeInt(1, 16),
  salt: base64Of(SALT_BYTES),
});

const kdfSchema = z
  .discriminatedUnion('name', [argon2idSchema, scryptSchema])
  .refine(
    withinParameterLimits,
    'KDF parameters out of range (argon2id needs memoryKiB of at least 8 × parallelism)',
  );

const keychainSlotSchema = z.strictObject({
  type: z.literal('keychain'),
  platform: z.string().min(1).max(64),
  backend: z.string().min(1).max(64),
  wrapped: base64Of(),
});

const passphraseSlotSchema = z.strictObject({
  type: z.literal('passphrase'),
  kdf: kdfSchema,
  nonce: base64Of(NONCE_BYTES),
  wrapped: base64Of(MASTER_KEY_BYTES + TAG_BYTES),
});

const slotSchema = z.discriminatedUnion('type', [keychainSlotSchema, passphraseSlotSchema]);

export const headerSchema = z.strictObject({
  revision: safeInt(0),
  savedAt: z.iso.datetime(),
  keyCheck: base64Of(KEY_CHECK_BYTES),
  body: z.strictObject({
    cipher: z.literal('aes-256-gcm'),
    nonce: base64Of(NONCE_BYTES),
    length: safeInt(0, MAX_BODY_BYTES),
  }),
  slots: z
    .array(slotSchema)
    .min(1)
    .max(2)
    .refine(
      (slots) => new Set(slots.map((slot) => slot.type)).size === slots.length,
      'at most one slot of each type',
    ),
});

export type VaultHeader = z.infer<typeof headerSchema>;
export type KeySlot = VaultHeader['slots'][number];
export type KeychainSlot = z.infer<typeof keychainSlotSchema>;
export type PassphraseSlot = z.infer<typeof passphraseSlotSchema>;
export type StoredKdf = z.infer<typeof kdfSchema>;
