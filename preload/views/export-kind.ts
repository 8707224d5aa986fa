// The kinds of export (Settings → Export, `trayotp export --to`): one list for the window, the
// IPC contract, the app's export service and the exporters (main/importers/export) that write
// them.
import { z } from 'zod';

export const EXPORT_KINDS = [
  'trayotp',
  'aegis',
  'aegis-encrypted',
  'otpauth',
  'google-qr',
] as const;
export const exportKind = z.enum(EXPORT_KINDS);
export type ExportKind = z.infer<typeof exportKind>;

/** Kinds that are encrypted, and so need a passphrase; the others need an acknowledgement. */
export const ENCRYPTED_KINDS: readonly ExportKind[] = ['trayotp', 'aegis-encrypted'];
