// What this computer has applied (docs/sync.md G1, § Applying): kept in its vault, in the same
// locked write as the entries it describes, never inferred from an acknowledgement. Per account a
// short hash of each synced field as the vault held it after sync's last write (so a change made
// here while sync was stopped is found field by field, and nothing else is mistaken for one), the
// HOTP counter and the secret write it counts for; this device's own deletions with their exact
// HLCs (sent again if the folder loses them); this device's highest sequence number and HLC (so
// neither is ever handed out twice, whatever happens to its folder).
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Entry } from '../vault/entries';
import { HLC_PATTERN, maxHlc } from './hlc';
import type { Hlc } from './hlc';
import { canonicalJson } from './records';
import type { SyncRecord } from './records';
import { EDITED_FIELDS, comparedValue } from './fields';
import type { EditedField } from './fields';

/** Secrets of the vault holding the state, in chunks (a vault secret is at most 64 KiB). */
export const STATE_SECRET = 'sync-state';
const CHUNK_CHARS = 60_000;
/** 24 chunks: about 14,000 accounts; the vault allows 32 secrets in all. */
export const MAX_STATE_CHUNKS = 24;
/** Own deletions remembered; the oldest are forgotten first (compaction drops them anyway). */
export const MAX_OWN_TOMBS = 4096;
/** Sequence numbers reserved ahead at each save, so files written between saves never reuse one. */
export const SEQ_RESERVE = 16;

/** The synced fields, in the order of their hashes (fields.ts keeps that order). */
const HASHED = EDITED_FIELDS;
export type HashedField = EditedField;
const HASH_CHARS = 6;

export interface AppliedAccount {
  /** HASH_CHARS base64url characters per field of HASHED. */
  hashes: string;
  counter: number;
  /** The winning secret write's HLC, for HOTP counter records. */
  otpAt: Hlc | undefined;
}

export interface AppliedState {
  device: string;
  /** Every own sequence number up to this one may have been used. */
  seq: number;
  /** The highest HLC this device handed out or followed. */
  hlc: Hlc | undefined;
  accounts: Map<string, AppliedAccount>;
  /** This device's own deletions: account id → tombstone HLC. */
  tombs: Map<string, Hlc>;
  /** A segment decided in the last save, written to the folder after it (written again if lost). */
  pending: { seq: number; records: SyncRecord[] } | undefined;
  /**
   * Accounts this device created: the only ones it writes again when nothing in the folder
   * mentions them any more (another device's account may have been deleted and compacted away).
   */
  createdHere: Set<string>;
}

export function emptyState(device: string): AppliedState {
  return {
    device,
    seq: 0,
    hlc: undefined,
    accounts: new Map(),
    tombs: new Map(),
    pending: undefined,
    createdHere: new Set(),
  };
}

function hashOf(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('base64url').slice(0, HASH_CHARS);
}

export function fieldHashes(entry: Entry): string {
  return HASHED.map((f) => hashOf(comparedValue(f, entry))).join('');
}

/** The fields whose hash differs between what was applied and the entry now. */
export function changedFields(applied: AppliedAccount, entry: Entry): HashedField[] {
  const now = fieldHashes(entry);
  return HASHED.filter((_, i) => {
    const at = i * HASH_CHARS;
    return now.slice(at, at + HASH_CHARS) !== applied.hashes.slice(at, at + HASH_CHARS);
  });
}

/** The state after a save of `entries`: every account as the vault now holds it. */
export function appliedFrom(
  entries: readonly Entry[],
  otpAt: (id: string) => Hlc | undefined,
): Map<string, AppliedAccount> {
  const accounts = new Map<string, AppliedAccount>();
  for (const entry of entries) {
    const previous = entry.type === 'hotp' ? otpAt(entry.id) : undefined;
    accounts.set(entry.id, {
      hashes: fieldHashes(entry),
      counter: entry.counter,
      otpAt: previous,
    });
  }
  return accounts;
}

// ---- kept in the vault ----------------------------------------------------------------------

const hlc = z.string().regex(HLC_PATTERN);
const storedSchema = z.strictObject({
  v: z.literal(1),
  d: z.string().regex(/^[a-z2-7]{26}$/),
  s: z.number().int().min(0).max(9_999_999_999),
  c: hlc.nullable(),
  a: z.array(
    z.tuple([z.string().max(64), z.string().max(64), z.number().int().min(0), hlc.nullable()]),
  ),
  t: z.array(z.tuple([z.string().max(64), hlc])).max(MAX_OWN_TOMBS),
  p: z.strictObject({ s: z.number().int().min(1), r: z.array(z.unknown()) }).nullable(),
  o: z.array(z.string().max(64)).optional(),
});

export interface SecretReader {
  secret(name: string): string | undefined;
}

/**
 * The state as the vault holds it, if it is this device's: a state of another device id (sync
 * left and joined again) or one that cannot be read is no state (the engine then starts as on
 * its first round, which never writes a deletion).
 */
export function readState(
  vault: SecretReader,
  device: string,
  parseRecords: (raw: unknown[]) => SyncRecord[] | undefined,
): AppliedState | undefined {
  const chunks: string[] = [];
  for (let i = 0; i < MAX_STATE_CHUNKS; i++) {
    const chunk = vault.secret(`${STATE_SECRET}.${i}`);
    if (chunk === undefined) break;
    chunks.push(chunk);
  }
  if (chunks.length === 0) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(chunks.join(''));
  } catch {
    return undefined;
  }
  const parsed = storedSchema.safeParse(raw);
  if (!parsed.success || parsed.data.d !== device) return undefined;
  const data = parsed.data;
  const records = data.p ? parseRecords(data.p.r) : undefined;
  return {
    device,
    seq: data.s,
    hlc: data.c ?? undefined,
    accounts: new Map(
      data.a.map(([id, hashes, counter, otpAt]) => [
        id,
        { hashes, counter, otpAt: otpAt ?? undefined },
      ]),
    ),
    tombs: new Map(data.t),
    pending: data.p && records ? { seq: data.p.s, records } : undefined,
    createdHere: new Set(data.o ?? []),
  };
}

/** The secrets to save (chunk names → text; undefined removes a chunk no longer needed). */
export function stateSecrets(state: AppliedState): Record<string, string | undefined> {
  const tombs = [...state.tombs].sort((a, b) => (a[1] < b[1] ? 1 : -1)).slice(0, MAX_OWN_TOMBS);
  const text = JSON.stringify({
    v: 1,
    d: state.device,
    s: state.seq,
    c: state.hlc ?? null,
    a: [...state.accounts].map(([id, a]) => [id, a.hashes, a.counter, a.otpAt ?? null]),
    t: tombs,
    p: state.pending ? { s: state.pending.seq, r: state.pending.records } : null,
    o: [...state.createdHere].filter((id) => state.accounts.has(id) || state.tombs.has(id)),
  });
  const count = Math.ceil(text.length / CHUNK_CHARS);
  if (count > MAX_STATE_CHUNKS)
    throw new Error(
      `Sync's record of what this computer applied needs more than ${MAX_STATE_CHUNKS} vault secrets; too many accounts to sync.`,
    );
  const secrets: Record<string, string | undefined> = {};
  for (let i = 0; i < MAX_STATE_CHUNKS; i++)
    secrets[`${STATE_SECRET}.${i}`] =
      i < count ? text.slice(i * CHUNK_CHARS, (i + 1) * CHUNK_CHARS) : undefined;
  return secrets;
}

export function followHlc(state: AppliedState, at: Hlc | undefined): void {
  state.hlc = maxHlc(state.hlc, at);
}
