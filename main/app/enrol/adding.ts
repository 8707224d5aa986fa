// Adding accounts: an otpauth:// link, the add-account form, or what a scan found. Every add is
// one decision and one save: a migration QR's ten accounts land together or not at all, with the
// issuers the person accepted already applied, and accounts TrayOTP holds already left out.
import type { AccountView, ManualAccount } from '../../../preload/contract';
import { duplicateKey } from '../../importers/duplicates';
import { displaySafe, isMigrationUri, OtpError, parseOtpUri } from '../../otp';
import type { Account } from '../../otp';
import { entryAccount } from '../../vault';
import type { Vault } from '../../vault';
import { AppError } from '../shared/user-errors';
import type { VaultSession } from '../vault/vault-session';
import { accountView } from '../accounts/views';
import { manualAccount } from './manual-account';
import type { Scans } from './scans';
import { secretAlphabetMessage, uriSecret } from './secret-message';

export interface AddingDeps {
  session: VaultSession;
  scans: Scans;
}

/** A scanned candidate the person chose, with the issuer they accepted for it. */
export interface ScannedChoice {
  candidateId: string;
  issuer?: string | undefined;
}

export class Adding {
  constructor(private readonly deps: AddingDeps) {}

  /** `domains`: sites to bind it to in the same save (the browser extension's "Add to TrayOTP"). */
  async addUri(
    uri: string,
    options: { domains?: readonly string[] } = {},
  ): Promise<{ account: AccountView; warnings: string[] }> {
    const vault = this.deps.session.unlocked();
    if (isMigrationUri(uri)) {
      throw new AppError(
        'migration-link',
        'This is a Google Authenticator export link with several accounts: use Import to preview and add them.',
      );
    }
    let parsed;
    try {
      parsed = parseOtpUri(uri);
    } catch (error) {
      // The link's secret in plain words too ("not base32" means nothing to most people).
      if (error instanceof OtpError && error.code === 'invalid-secret') {
        const plain = secretAlphabetMessage(uriSecret(uri));
        if (plain) throw new AppError(error.code, plain);
      }
      throw error;
    }
    const [entry] = await this.#add(vault, [parsed.account], options.domains);
    return { account: accountView(entry!), warnings: parsed.warnings };
  }

  async addManual(input: ManualAccount): Promise<{ account: AccountView; warnings: string[] }> {
    const vault = this.deps.session.unlocked();
    const { account, warnings } = manualAccount(input);
    const [entry] = await this.#add(vault, [account]);
    return { account: accountView(entry!), warnings };
  }

  /** The candidates the person chose from a scan, in one save. */
  async addScanned(
    scanId: string,
    choices: readonly ScannedChoice[],
  ): Promise<{ added: AccountView[]; skipped: number }> {
    const vault = this.deps.session.unlocked();
    const scan = this.deps.scans.candidates(scanId);
    const accounts = choices.flatMap(({ candidateId, issuer }) => {
      const found = scan.get(candidateId);
      if (!found) throw new AppError('scan-expired', 'That scan has expired; scan again.');
      if (issuer === undefined) return found;
      if (found.length !== 1) {
        throw new AppError('scan-issuer', 'An issuer can be given for a single account only.');
      }
      return [{ ...found[0]!, issuer: issuer.trim() }];
    });
    const before = accounts.length;
    const added = await this.#add(vault, accounts);
    this.deps.scans.done(scanId);
    return { added: added.map(accountView), skipped: before - added.length };
  }

  /**
   * Accounts from outside the window (a followed phone backup's additions), in one save; those
   * TrayOTP holds already are left out, and none at all is no error here. Returns how many landed.
   */
  async addAccounts(accounts: readonly Account[]): Promise<number> {
    const vault = this.deps.session.unlocked();
    const held = new Set(vault.entries.map((entry) => duplicateKey(entryAccount(entry))));
    if (accounts.every((account) => held.has(duplicateKey(account)))) return 0;
    return (await this.#add(vault, accounts)).length;
  }

  /**
   * Saves the accounts that are not in the vault yet (nor twice in `accounts`), after the
   * others; when every one is there already, says where.
   */
  async #add(vault: Vault, accounts: readonly Account[], domains?: readonly string[]) {
    const seen = new Map(vault.entries.map((entry) => [duplicateKey(entryAccount(entry)), entry]));
    const fresh: Account[] = [];
    const keys = new Set<string>();
    for (const account of accounts) {
      const key = duplicateKey(account);
      if (seen.has(key) || keys.has(key)) continue;
      keys.add(key);
      fresh.push(account);
    }
    if (fresh.length === 0) {
      const existing = seen.get(duplicateKey(accounts[0]!));
      throw new AppError(
        'duplicate',
        accounts.length === 1 || existing
          ? `This account is already in TrayOTP as ${displaySafe(existing?.issuer || existing?.name || '') || 'an account'}.`
          : 'These accounts are already in TrayOTP.',
      );
    }
    let sortOrder = Math.max(0, ...vault.entries.map((e) => e.sortOrder));
    const added = await vault.addAll(
      fresh.map((account) => ({
        account,
        meta: { sortOrder: ++sortOrder, ...(domains?.length && { domains: [...domains] }) },
      })),
    );
    return added;
  }
}
