// What following a phone's backups keeps, as one of the vault's own secrets (`follow`): the
// folder, the app, the backup's password, "add new accounts automatically", the newest backup
// read, and the baseline (the backup last merged: a fingerprint and a labels hash per account,
// sync/follow-diff.ts). In the vault because of the password; small because a vault secret is
// at most 64 KiB.
import { z } from 'zod';
import { followedAppId } from '../../../preload/views/follow';
import { AppError } from '../shared/user-errors';

export const FOLLOW_SECRET = 'follow';
/** A baseline entry is 23 characters; 2,000 of them stay well inside a 64 KiB secret. */
export const MAX_FOLLOWED_ACCOUNTS = 2_000;
const MAX_SECRET_CHARS = 64 * 1024;

const fileStamp = z.object({
  name: z.string().max(255),
  mtimeMs: z.number(),
  size: z.number().int().nonnegative(),
});
export type FileStamp = z.infer<typeof fileStamp>;

const followState = z.object({
  v: z.literal(1),
  folder: z.string().min(1).max(4096),
  app: followedAppId,
  /** Empty: the backups are not encrypted. */
  password: z.string().max(1024),
  autoAdd: z.boolean(),
  lastRead: fileStamp.extend({ readAt: z.number() }).nullable(),
  baseline: fileStamp
    .extend({ accounts: z.array(z.string().max(32)).max(MAX_FOLLOWED_ACCOUNTS) })
    .nullable(),
  lastMerge: z
    .object({ at: z.number(), added: z.number().int(), updated: z.number().int() })
    .nullable(),
});
export type FollowState = z.infer<typeof followState>;

export function sameFile(a: FileStamp | null | undefined, b: FileStamp | null | undefined) {
  return Boolean(a && b && a.name === b.name && a.mtimeMs === b.mtimeMs && a.size === b.size);
}

/** The stored state, or undefined when nothing is followed; damaged: an error sentence. */
export function parseFollowState(text: string | undefined): FollowState | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const parsed = followState.safeParse(value);
  if (!parsed.success) {
    throw new AppError(
      'follow-damaged',
      'What TrayOTP kept about the followed folder cannot be read; choose the folder again to follow it.',
    );
  }
  return parsed.data;
}

export function serializeFollowState(state: FollowState): string {
  const text = JSON.stringify(followState.parse(state));
  if (text.length > MAX_SECRET_CHARS) {
    throw new AppError(
      'follow-too-many',
      `This backup holds more accounts than TrayOTP follows (${MAX_FOLLOWED_ACCOUNTS.toLocaleString('en')}); import it instead.`,
    );
  }
  return text;
}
