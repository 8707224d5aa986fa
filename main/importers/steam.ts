// Steam Guard files: the Steam mobile app's Steamguard-<steamid> file ({accounts: {id: {…}}}) and
// the older single-object form, which Steam Desktop Authenticator (.maFile) and steamguard-cli
// also write. The TOTP key is `shared_secret`, base64; `uri` may be missing or stale.
import { EntryCollector } from './entries';
import { ImportError } from './errors';
import { isRecord, jsonOf } from './read-content';
import type { Detection, ImportInput, ImportResult, Importer } from './types';

type SteamAccount = Record<string, unknown> & { shared_secret: string };

function isSteamAccount(value: unknown): value is SteamAccount {
  return isRecord(value) && typeof value.shared_secret === 'string';
}

function steamAccounts(json: unknown): SteamAccount[] | undefined {
  if (isSteamAccount(json)) return [json];
  if (isRecord(json) && isRecord(json.accounts)) {
    const accounts = Object.values(json.accounts);
    if (accounts.length > 0 && accounts.every(isSteamAccount)) return accounts;
  }
  return undefined;
}

export const steamImporter: Importer = {
  id: 'steam',
  label: 'Steam Guard',
  detect(input: ImportInput): Detection {
    return { confidence: steamAccounts(jsonOf(input.bytes)) ? 2 : 0, encrypted: false };
  },
  async read(input: ImportInput): Promise<ImportResult> {
    const accounts = steamAccounts(jsonOf(input.bytes));
    if (!accounts) {
      throw new ImportError(
        'damaged',
        `"${input.fileName}" is not a Steam Guard file: it has no shared_secret.`,
      );
    }
    const collector = new EntryCollector();
    accounts.forEach((account, index) => {
      const name = typeof account.account_name === 'string' ? account.account_name : '';
      const secret = account.shared_secret.trim();
      if (!/^[A-Za-z0-9+/]+={0,2}$/.test(secret) || secret.length % 4 !== 0) {
        collector.skip(name || `entry ${index + 1}`, 'Its shared_secret is not base64.');
        return;
      }
      collector.add({
        type: 'steam',
        issuer: 'Steam',
        name,
        secret: Buffer.from(secret, 'base64'),
      });
    });
    return { format: 'steam', entries: collector.entries, skipped: collector.skipped };
  },
};
