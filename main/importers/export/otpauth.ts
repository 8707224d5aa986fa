// A plain otpauth:// list, one link a line: every app reads it, and anyone who gets the file
// has every secret. The caller must say the person was warned (the UI shows a warning, the CLI
// prints one); without that acknowledgement nothing is written.
import { formatOtpUri } from '../../otp';
import type { ExportEntry } from './types';

export class UnacknowledgedPlainExport extends Error {
  override readonly name = 'UnacknowledgedPlainExport';
  constructor() {
    super(
      'A plain otpauth:// list is unencrypted: anyone who reads the file can copy every account. Confirm that before exporting it.',
    );
  }
}

export function exportOtpauthList(
  entries: ExportEntry[],
  options: { acknowledgeUnencrypted: boolean },
): string {
  if (options.acknowledgeUnencrypted !== true) throw new UnacknowledgedPlainExport();
  return entries.map(({ account }) => `${formatOtpUri(account)}\n`).join('');
}

export const PLAIN_EXPORT_WARNING =
  'this file is NOT encrypted: anyone who can read it can copy every account in it. Keep it offline and delete it once imported.';
