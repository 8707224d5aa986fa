// Authenticator Plus (Mufri) "export": a password-protected ZIP (traditional PKWARE ZipCrypto,
// the only protection the app offers) holding Accounts.txt, an otpauth:// list. ZipCrypto is
// weak cryptography; TrayOTP only reads it, to let people leave the app.
import { ImportError } from './errors';
import { readLinkList } from './otpauth-list';
import { readTextLines } from './text-links';
import type { Detection, ImportInput, ImportResult, Importer } from './types';
import { readZipText, zipEntryNames } from './zip-archive';

const ACCOUNTS_FILE = 'Accounts.txt';
const APP = 'Authenticator Plus export';

function accountsEntry(bytes: Uint8Array) {
  return zipEntryNames(bytes).find((entry) => entry.name === ACCOUNTS_FILE);
}

export const authenticatorPlusImporter: Importer = {
  id: 'authenticator-plus',
  label: 'Authenticator Plus',
  detect(input: ImportInput): Detection {
    const entry = accountsEntry(input.bytes);
    return { confidence: entry ? 2 : 0, encrypted: entry?.encrypted ?? false };
  },
  async read(input: ImportInput, password?: string): Promise<ImportResult> {
    const entry = accountsEntry(input.bytes);
    if (!entry) {
      throw new ImportError(
        'damaged',
        `"${input.fileName}" is not an ${APP}: it has no ${ACCOUNTS_FILE}.`,
      );
    }
    if (entry.encrypted && !password) {
      throw new ImportError(
        'password-required',
        `This ${APP} is password protected: enter its password.`,
      );
    }
    const text = await readZipText(input.bytes, ACCOUNTS_FILE, APP, password);
    const lines = readTextLines(new TextEncoder().encode(text));
    return readLinkList('authenticator-plus', lines);
  },
};
