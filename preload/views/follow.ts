// What the window is told about following a phone's backups (Settings → Follow a phone's
// backups), and what it may ask: plain values with zod schemas, for the IPC contract. Labels
// only: the backup's accounts and its password stay in main; the pending items are referred to
// by ids main made up for them.
import { z } from 'zod';

/** The phone apps whose backups can be followed: main/sync/backup-apps.ts says how to read each. */
export const FOLLOWED_APPS = ['aegis', '2fas', 'ente'] as const;
export const followedAppId = z.enum(FOLLOWED_APPS);
export type FollowedAppId = z.infer<typeof followedAppId>;

export const followApp = z.object({
  id: followedAppId,
  label: z.string(),
});

const labels = z.object({ issuer: z.string(), name: z.string() });

export const followPending = z.object({
  /** The backup file the difference comes from. */
  file: z.string(),
  added: z.array(labels.extend({ id: z.string(), type: z.enum(['totp', 'hotp', 'steam']) })),
  /** The phone renamed an account TrayOTP has: its labels here (before) and there (after). */
  changed: z.array(z.object({ id: z.string(), before: labels, after: labels })),
  /** Gone from the phone's backup, still here: listed only; `id` is the account's id here. */
  removed: z.array(labels.extend({ id: z.string() })),
});
export type FollowPending = z.infer<typeof followPending>;

export const followStatus = z.object({
  /** locked: what is followed is kept in the vault, so nothing is known or watched until unlock. */
  state: z.enum(['off', 'following', 'locked']),
  folder: z.string().nullable(),
  app: followApp.nullable(),
  autoAdd: z.boolean(),
  /** The newest backup read: its name, when it was written and when TrayOTP read it. */
  lastRead: z.object({ file: z.string(), modifiedAt: z.number(), readAt: z.number() }).nullable(),
  checking: z.boolean(),
  /** The last check's failure as a sentence (the folder gone, a backup unreadable…). */
  error: z.string().nullable(),
  pending: followPending.nullable(),
  /** The newest merge (by the person or automatic). */
  lastMerge: z
    .object({ at: z.number(), added: z.number().int(), updated: z.number().int() })
    .nullable(),
});
export type FollowStatus = z.infer<typeof followStatus>;

/** A folder the person picked: which app's backups it holds, if any. */
export const followFolderChoice = z.object({
  folder: z.string(),
  app: followApp.nullable(),
  newest: z.string().nullable(),
  /** Why it cannot be followed as it is (no backup in it, too many files…). */
  problem: z.string().nullable(),
});
export type FollowFolderChoice = z.infer<typeof followFolderChoice>;

export const followStartArgs = z.object({
  folder: z.string().min(1).max(4096),
  /** Empty for an unencrypted backup. */
  password: z.string().max(1024),
  autoAdd: z.boolean(),
});

export const followMergeArgs = z.object({
  addIds: z.array(z.string().max(64)).max(10_000),
  changeIds: z.array(z.string().max(64)).max(10_000),
});
