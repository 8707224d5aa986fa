// The non-secret settings as the window shows and changes them: one schema for the window, the
// settings file (main/app/shared/settings.ts reads it with this and keeps the defaults) and the use
// cases, so all three agree on one definition.
import { z } from 'zod';

export const theme = z.enum(['system', 'light', 'dark']);
export const hotkeyAction = z.enum(['typeCode', 'openPicker', 'scanScreen']);
export type HotkeyAction = z.infer<typeof hotkeyAction>;

export const settings = z.object({
  clipboardClearSeconds: z.number().int().min(0).max(600),
  /** Minutes of idle time before locking; 0 = never. */
  autoLockMinutes: z.number().int().min(0).max(1440),
  lockOnScreenLock: z.boolean(),
  /** Wait for the next code when fewer than this many seconds remain. */
  freshCodeSeconds: z.number().int().min(0).max(15),
  autoStart: z.boolean(),
  theme,
  hotkeys: z.record(hotkeyAction, z.string()),
  /** The person allowed downloading the 2FA Directory (off until they turn it on). */
  directoryEnabled: z.boolean(),
  /** The browser extension's bridge (issue 16): the socket, and the host manifests written. */
  browserIntegration: z.boolean(),
});
export type Settings = z.infer<typeof settings>;
