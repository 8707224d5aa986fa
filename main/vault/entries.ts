// What the vault holds: entries = accounts (main/otp) plus their place in TrayOTP. The body is
// validated with zod on every load, with the same limits as every other account, so a buggy
// save or a future field is reported instead of half-read.
import { z } from 'zod';
import { ALGORITHMS, LIMITS, OTP_TYPES } from '../otp/account';
import type { Account } from '../otp/account';
import { BINDING } from '../browser/domains';
import { BINDINGS_VERSION, migrateBindings } from './binding-migration';
import type { BindingChange } from './binding-migration';
import { VaultFormatError, VaultUsageError } from './errors';

export interface EntryMeta {
  /** A data: URL of a small image, or null for the issuer's default look. */
  icon: string | null;
  tags: string[];
  pinned: boolean;
  sortOrder: number;
  /** Milliseconds since the Unix epoch. */
  createdAt: number;
  updatedAt: number;
  /** When a code was last used (typed or copied): the hotkey prefers recent accounts. */
  lastUsedAt: number | null;
  /**
   * The sites the person bound the account to (the browser extension fills its code there
   * only): a lower-case hostname means exactly that host, "*." and a hostname means it and its
   * subdomains, a loopback name (localhost, 127.0.0.1, [::1]) that address (bindings version 2,
   * docs/vault.md § Bindings; main/browser/domains.ts matches them). Optional: absent in older
   * vaults, read as none (entryDomains). newEntry leaves it out while empty, so a vault without
   * bindings stays readable by older versions (their schema refuses unknown fields).
   */
  domains?: string[];
}

export interface Entry extends Account, EntryMeta {
  id: string;
}

const MAX_ICON_CHARS = 256 * 1024;
export const MAX_ENTRY_DOMAINS = 32;
/** A binding: a lower-case hostname (punycode for other scripts), "*." and one, or loopback. */
const binding = z
  .string()
  .max(255)
  .regex(BINDING, 'a lower-case hostname such as example.com, or *.example.com');
const time = z.number().int().min(0).max(8.64e15);

export const entrySchema = z
  .strictObject({
    id: z.uuid(),
    type: z.enum(OTP_TYPES),
    issuer: z.string().max(LIMITS.maxLabelChars),
    name: z.string().max(LIMITS.maxLabelChars),
    secret: z
      .string()
      .min(1)
      .max(LIMITS.maxSecretChars)
      .regex(/^[A-Z2-7]+$/, 'base32, upper case, no padding'),
    algorithm: z.enum(ALGORITHMS),
    digits: z.number().int().min(LIMITS.steamDigits).max(LIMITS.maxDigits),
    period: z.number().int().min(LIMITS.minPeriod).max(LIMITS.maxPeriod),
    counter: z.number().int().min(0).max(LIMITS.maxCounter),
    icon: z
      .string()
      .max(MAX_ICON_CHARS)
      .regex(/^data:image\/(png|jpeg|webp|svg\+xml);base64,[A-Za-z0-9+/]*={0,2}$/)
      .nullable(),
    tags: z.array(z.string().min(1).max(64)).max(64),
    pinned: z.boolean(),
    sortOrder: z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER),
    createdAt: time,
    updatedAt: time,
    lastUsedAt: time.nullable(),
    domains: z.array(binding).max(MAX_ENTRY_DOMAINS).optional(),
  })
  .refine((entry) => (entry.type === 'steam') === (entry.digits === LIMITS.steamDigits), {
    message: 'Steam entries have 5 digits, others 6 to 10',
    path: ['digits'],
  });

/**
 * Small secrets of the app's own that belong with the accounts (sync keys, a followed backup's
 * password): a name → string map, absent while empty so a vault without any stays readable by
 * older versions. Bounded like everything else read from the file.
 */
export const SECRET_NAME = /^[a-z][a-z0-9.-]{0,63}$/;
export const MAX_SECRET_CHARS = 64 * 1024;
export const MAX_SECRETS = 32;
export type VaultSecrets = Readonly<Record<string, string>>;

const secretsSchema = z
  .record(z.string().regex(SECRET_NAME), z.string().max(MAX_SECRET_CHARS))
  .refine((secrets) => Object.keys(secrets).length <= MAX_SECRETS, `at most ${MAX_SECRETS}`);

const bodySchema = z
  .strictObject({
    entries: z.array(entrySchema),
    secrets: secretsSchema.optional(),
    /** What Entry.domains means: absent = version 1 (registrable domains), migrated on read. */
    bindings: z.literal(BINDINGS_VERSION).optional(),
  })
  .refine(
    (body) => new Set(body.entries.map((entry) => entry.id)).size === body.entries.length,
    'entry ids must be unique',
  );

export interface VaultBody {
  entries: Entry[];
  secrets: VaultSecrets;
  /** Bindings a version 1 body held, rewritten on this read (none for a version 2 body). */
  bindingChanges?: BindingChange[];
}

/** The body's bytes → entries (step 17 of docs/vault.md § Reading). */
export function parseEntries(plaintext: Uint8Array): Entry[] {
  return parseBody(plaintext).entries;
}

/** The body's bytes → entries and the app's secrets (none when the vault has none). */
export function parseBody(plaintext: Uint8Array): VaultBody {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plaintext));
  } catch {
    throw invalidEntries('they are not UTF-8 JSON');
  }
  const result = bodySchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw invalidEntries(`${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
  }
  const secrets = result.data.secrets ?? {};
  if (result.data.bindings === BINDINGS_VERSION) return { entries: result.data.entries, secrets };
  const { entries, changes } = migrateBindings(result.data.entries);
  return { entries, secrets, ...(changes.length > 0 && { bindingChanges: changes }) };
}

export function serializeEntries(entries: readonly Entry[]): Buffer {
  return serializeBody({ entries: [...entries], secrets: {} });
}

/**
 * Entries and secrets → the body's bytes; `secrets` is left out while empty, and `bindings`
 * while no entry is bound (such a vault stays readable by versions from before either).
 */
export function serializeBody({ entries, secrets }: VaultBody): Buffer {
  const bound = entries.some((entry) => entry.domains?.length);
  const body = {
    entries,
    ...(Object.keys(secrets).length > 0 && { secrets }),
    ...(bound && { bindings: BINDINGS_VERSION }),
  };
  // Validate on the way out too: a bug must fail the save, not produce a vault that will not load.
  const checked = bodySchema.safeParse(body);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new VaultUsageError(
      'invalid-entry',
      `That change cannot be saved (${issue?.path.join('.') || 'entries'}: ${issue?.message ?? 'invalid'}); nothing was changed.`,
    );
  }
  return Buffer.from(JSON.stringify(checked.data), 'utf8');
}

/**
 * An entry for an account: the one place an Entry is built (a test fails on an Entry literal
 * elsewhere). `id` and `now` come from the caller (randomness, clock); `now` is when it was last
 * changed, and when it was created unless `meta.createdAt` says otherwise (an account that sync
 * or an import brings in keeps its creation time).
 */
export function newEntry(
  account: Account,
  id: string,
  now: number,
  meta: Partial<Omit<EntryMeta, 'updatedAt'>> = {},
): Entry {
  return {
    id,
    ...account,
    icon: meta.icon ?? null,
    tags: meta.tags ?? [],
    pinned: meta.pinned ?? false,
    sortOrder: meta.sortOrder ?? 0,
    createdAt: meta.createdAt ?? now,
    updatedAt: now,
    lastUsedAt: meta.lastUsedAt ?? null,
    ...(meta.domains?.length ? { domains: meta.domains } : {}),
  };
}

/** The hostnames an entry is bound to; none for an entry from before bindings existed. */
export function entryDomains(entry: Pick<Entry, 'domains'>): readonly string[] {
  return entry.domains ?? [];
}

/** The account part of an entry: what the OTP engine and the exporters need. */
export function entryAccount(entry: Entry): Account {
  const { type, issuer, name, secret, algorithm, digits, period, counter } = entry;
  return { type, issuer, name, secret, algorithm, digits, period, counter };
}

function invalidEntries(detail: string): VaultFormatError {
  return new VaultFormatError(
    'invalid-entries',
    `The vault decrypted, but its accounts cannot be read by this version of TrayOTP (${detail}). Nothing was changed; update TrayOTP or restore the newest good backup.`,
  );
}
