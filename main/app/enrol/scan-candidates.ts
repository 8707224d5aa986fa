// What a scan found, as the window may see it: each otpauth:// link one candidate account, each
// Google export link one candidate batch, everything else (app-store links, Wi-Fi codes, broken
// links) only counted. The accounts stay here, in main; the views carry labels only.
import { decodeMigrationUri, isMigrationUri, OtpError, parseOtpUri } from '../../otp';
import type { Account } from '../../otp';
import type { ScanResult } from '../../../preload/contract';
import { duplicateKey } from '../../importers/duplicates';

export interface ScanCandidates {
  /** Candidate id → the accounts adding it would add. */
  accounts: Map<string, Account[]>;
  views: ScanResult['candidates'];
  /** QR codes that were not two-step codes. */
  otherCodes: number;
}

export interface ScanContext {
  /** duplicateKey → id of the account already in the vault with that key. */
  known: ReadonlyMap<string, string>;
  /** The 2FA Directory's spelling of an issuer, when it differs (a suggestion only). */
  suggestIssuer?: (issuer: string) => string | undefined;
}

export function scanCandidates(texts: readonly string[], context: ScanContext): ScanCandidates {
  const found: ScanCandidates = { accounts: new Map(), views: [], otherCodes: 0 };
  for (const [index, text] of [...new Set(texts)].entries()) {
    const id = `c${index}`;
    try {
      if (isMigrationUri(text)) {
        const accounts = decodeMigrationUri(text).accounts.map((a) => a.account);
        if (accounts.length === 0) continue;
        found.accounts.set(id, accounts);
        found.views.push({
          id,
          kind: 'migration',
          issuer: accounts[0]!.issuer,
          name: accounts[0]!.name,
          type: accounts[0]!.type,
          count: accounts.length,
          duplicateOf: null,
        });
      } else if (text.trim().toLowerCase().startsWith('otpauth://')) {
        const { account } = parseOtpUri(text);
        found.accounts.set(id, [account]);
        found.views.push({
          id,
          kind: 'account',
          issuer: account.issuer,
          name: account.name,
          type: account.type,
          count: 1,
          duplicateOf: context.known.get(duplicateKey(account)) ?? null,
          suggestedIssuer: context.suggestIssuer?.(account.issuer),
        });
      } else {
        found.otherCodes++;
      }
    } catch (error) {
      if (!(error instanceof OtpError)) throw error;
      found.otherCodes++;
    }
  }
  return found;
}
