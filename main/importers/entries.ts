// Turning a foreign entry into an ImportedEntry through the one validation gate (otp/validate):
// an entry that cannot work is skipped with its reason, the rest still import.
import { OtpError, parseOtpUri, toAccount } from '../otp';
import type { AccountInput } from '../otp';
import type { ImportedEntry, SkippedEntry } from './types';

export class EntryCollector {
  readonly entries: ImportedEntry[] = [];
  readonly skipped: SkippedEntry[] = [];

  /** Adds one entry given as loose fields; `extra` carries groups and notes. */
  add(input: AccountInput, extra: Omit<ImportedEntry, 'account' | 'warnings'> = {}): void {
    this.guard(labelOf(input, this.count()), () => {
      const { account, warnings } = toAccount(input);
      this.entries.push({ account, warnings, ...extra });
    });
  }

  /** Adds one entry given as an otpauth:// URI. */
  addUri(
    uri: string,
    extra: Omit<ImportedEntry, 'account' | 'warnings'> = {},
    label?: string,
  ): void {
    this.guard(label ?? `entry ${this.count() + 1}`, () => {
      const { account, warnings } = parseOtpUri(uri);
      this.entries.push({ account, warnings, ...extra });
    });
  }

  skip(label: string, reason: string): void {
    this.skipped.push({ label, reason });
  }

  private count(): number {
    return this.entries.length + this.skipped.length;
  }

  private guard(label: string, add: () => void): void {
    try {
      add();
    } catch (error) {
      if (!(error instanceof OtpError)) throw error;
      this.skipped.push({ label, reason: error.message });
    }
  }
}

function labelOf(input: AccountInput, index: number): string {
  const issuer = input.issuer?.trim();
  const name = input.name?.trim();
  if (issuer && name) return `${issuer}: ${name}`;
  return issuer || name || `entry ${index + 1}`;
}
