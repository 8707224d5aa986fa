// The one source of truth for IPC between the tray window and the main process: channel names,
// argument and result schemas, and the API type the renderer sees (derived, never hand-copied).
import { z } from 'zod';

export const channels = {
  appInfo: 'app:info',
} as const;

export const appInfoResult = z.object({
  name: z.string(),
  version: z.string(),
});
export type AppInfo = z.infer<typeof appInfoResult>;

export interface TrayOtpApi {
  appInfo: () => Promise<AppInfo>;
}
