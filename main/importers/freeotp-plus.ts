// FreeOTP+ JSON export (Settings → Export): {tokenOrder: [...], tokens: [token JSON with the
// secret as Java signed bytes]}. FreeOTP+'s internal tokens.xml is FreeOTP 1.x's format and
// is read by the FreeOTP importer.
import { EntryCollector } from './entries';
import { ImportError } from './errors';
import { tokenToInput } from './freeotp-token';
import { isRecord, jsonOf, signedBytes } from './read-content';
import type { Detection, ImportInput, ImportResult, Importer } from './types';

function tokensOf(json: unknown): unknown[] | undefined {
  return isRecord(json) && Array.isArray(json.tokens) && Array.isArray(json.tokenOrder)
    ? json.tokens
    : undefined;
}

export const freeOtpPlusImporter: Importer = {
  id: 'freeotp-plus',
  label: 'FreeOTP+',
  detect(input: ImportInput): Detection {
    return { confidence: tokensOf(jsonOf(input.bytes)) ? 2 : 0, encrypted: false };
  },
  async read(input: ImportInput): Promise<ImportResult> {
    const tokens = tokensOf(jsonOf(input.bytes));
    if (!tokens) {
      throw new ImportError(
        'damaged',
        `"${input.fileName}" is not a FreeOTP+ export: it has no tokens list.`,
      );
    }
    const collector = new EntryCollector();
    tokens.forEach((item, index) => {
      const token = isRecord(item) ? item : {};
      const { label, account } = tokenToInput(token, signedBytes(token.secret), 'stored-minus-one');
      if (!account.secret) {
        collector.skip(label || `token ${index + 1}`, 'Its secret is not a list of bytes.');
        return;
      }
      collector.add(account);
    });
    return { format: 'freeotp-plus', entries: collector.entries, skipped: collector.skipped };
  },
};
