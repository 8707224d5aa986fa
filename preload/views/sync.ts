// What the window is told about sync (Settings → Sync): off or on, the folder, this device,
// every device with when it was last seen and its problem, the last merge that changed
// something, a join waiting for its invitation, an invitation waiting for its device. Plain
// values with zod schemas, for the IPC contract. No key, no invitation code: those stay in main
// (an invitation's QR text and phrase are returned once, to the call that made it).
import { z } from 'zod';

export const syncDeviceView = z.object({
  device: z.string(),
  /** From the device's card; null until its card has been read. */
  name: z.string().nullable(),
  /** Wall time (ms) of its newest change or acknowledgement; null if none yet. */
  lastSeen: z.number().nullable(),
  /** How far its clock runs ahead of this one's, when that is beyond the accepted skew. */
  clockAheadMs: z.number(),
  /** Why nothing of this device is used, as a sentence; null when all is well. */
  problem: z.string().nullable(),
  thisDevice: z.boolean(),
  /** Taken out of the group by a key rotation (this device: another device removed it). */
  removed: z.boolean(),
});
export type SyncDeviceView = z.infer<typeof syncDeviceView>;

export const syncView = z.object({
  /** locked: sync runs only while TrayOTP is unlocked (its keys are in the vault). */
  state: z.enum(['off', 'on', 'locked']),
  folder: z.string().nullable(),
  thisDevice: z.object({ device: z.string(), name: z.string() }).nullable(),
  devices: z.array(syncDeviceView),
  /**
   * Whose clock is wrong, in one sentence, when two computers' clocks disagree by more than the
   * accepted skew (the app's clock check, or the majority, decides; with two computers and no
   * check it names both). Absent or null when they agree.
   */
  clockNotice: z.string().max(1000).nullable().optional(),
  /** The newest merge that changed the accounts here. */
  lastMerge: z
    .object({
      at: z.number(),
      added: z.number().int(),
      changed: z.number().int(),
      removed: z.number().int(),
    })
    .nullable(),
  /** When the folder was last read. */
  lastCheck: z.number().nullable(),
  /** The last round's failure (the folder unreachable…), as a sentence. */
  error: z.string().nullable(),
  /** A join waiting for the invitation file to arrive through the sync engine. */
  joining: z.object({ folder: z.string(), since: z.number(), message: z.string() }).nullable(),
  /** This device joined: the check code to compare with the inviting computer's screen. */
  joined: z.object({ checkCode: z.string(), inviterName: z.string().nullable() }).nullable(),
  /** The invitation this device made, and the device that used it once its card appears. */
  invitation: z
    .object({
      expiresAt: z.number(),
      newDevice: z
        .object({ device: z.string(), name: z.string().nullable(), checkCode: z.string() })
        .nullable(),
    })
    .nullable(),
  /** A name to offer for this computer (its host name). */
  suggestedName: z.string(),
});
export type SyncView = z.infer<typeof syncView>;

export const syncInvitation = z.object({
  /** `trayotp-invite:1:…`, for the QR code. */
  qrText: z.string(),
  /** The 39 characters to type, in groups of 4. */
  phrase: z.string(),
  expiresAt: z.number(),
});
export type SyncInvitationView = z.infer<typeof syncInvitation>;

/** A device's name as the person types it: shown to the other devices (≤ 64 characters). */
export const deviceName = z.string().max(200);
