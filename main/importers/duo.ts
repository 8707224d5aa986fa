// Duo Mobile's internal accounts.json (from the app's files directory): an array of accounts
// whose third-party ("OtpAccount") entries carry a base32 otpSecret, and a counter for HOTP.
// Duo's own push accounts have no OTP secret anyone else can use; they are listed as skipped.
import { EntryCollector } from './entries';
import { ImportError } from './errors';
import { isRecord, jsonOf } from './read-content';
import type { Detection, ImportInput, ImportResult, Importer } from './types';

function duoAccounts(json: unknown): Record<string, unknown>[] | undefined {
  if (!Array.isArray(json) || json.length === 0) return undefined;
  // otpGenerator and accountType are Duo's own key names; pkey and logoUri may be absent.
  const fits = json.every(
    (entry) =>
      isRecord(entry) && (isRecord(entry.otpGenerator) || typeof entry.accountType === 'string'),
  );
  return fits ? (json as Record<string, unknown>[]) : undefined;
}

export const duoImporter: Importer = {
  id: 'duo',
  label: 'Duo Mobile',
  detect(input: ImportInput): Detection {
    return { confidence: duoAccounts(jsonOf(input.bytes)) ? 2 : 0, encrypted: false };
  },
  async read(input: ImportInput): Promise<ImportResult> {
    const accounts = duoAccounts(jsonOf(input.bytes));
    if (!accounts) {
      throw new ImportError('damaged', `"${input.fileName}" is not a Duo Mobile accounts file.`);
    }
    const collector = new EntryCollector();
    accounts.forEach((account, index) => {
      const name = typeof account.name === 'string' ? account.name : '';
      const generator = account.otpGenerator;
      if (!isRecord(generator) || typeof generator.otpSecret !== 'string') {
        collector.skip(
          name || `entry ${index + 1}`,
          'It is a Duo push account: Duo keeps no code secret for it that another app could use.',
        );
        return;
      }
      // The file names the account but not the issuer; Duo shows its own label instead.
      const counter = generator.counter;
      const isHotp = typeof counter === 'number' || typeof counter === 'string';
      collector.add({
        type: isHotp ? 'hotp' : 'totp',
        name,
        secret: generator.otpSecret,
        counter: isHotp ? counter : undefined,
      });
    });
    return { format: 'duo', entries: collector.entries, skipped: collector.skipped };
  },
};
