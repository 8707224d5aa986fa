// What an exporter takes: accounts with the groups and note they had (an ImportedEntry fits).
import type { Account } from '../../otp';

export interface ExportEntry {
  account: Account;
  groups?: string[] | undefined;
  note?: string | undefined;
}

/** Randomness as a parameter, so a test can fix it (node:crypto's randomBytes by default). */
export type RandomBytes = (length: number) => Uint8Array;
