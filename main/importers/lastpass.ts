// LastPass Authenticator's JSON export ("Export accounts to file", an unencrypted accounts.json).
// The format is undocumented; its shape is what the apps write (the files in
// tests/fixtures/lastpass/, and Aegis issue #1160's annotated example):
//   Android: {deviceId, deviceSecret, localDeviceId, deviceName, version: 3, accounts, folders}
//   iPhone:  {localDeviceId, deviceName, version: 1, accounts, folders}
// Each account: issuerName/userName (as edited in the app; originalIssuerName/originalUserName as
// scanned), secret (base32), algorithm, digits, timeStep, folderData {folderId, position},
// isFavorite, pushNotification. Every account is TOTP. Folder 0 is "Other accounts", where
// unfiled accounts live; folder 1 is "Favorites".
import { EntryCollector } from './entries';
import { ImportError } from './errors';
import { isObject, num, parseJson, str } from './json';
import type { JsonObject } from './json';
import type { Detection, ImportInput, ImportResult, Importer } from './types';

const FORMAT = 'lastpass';
const APP = 'LastPass Authenticator';
const KNOWN_VERSIONS = [1, 3];
/** The folder every account is in until the person files it elsewhere. */
const UNFILED_FOLDER = 0;

export const lastpassImporter: Importer = {
  id: FORMAT,
  label: APP,
  detect(input: ImportInput): Detection {
    return { confidence: lastpassShape(parseJson(input.bytes)) ? 2 : 0, encrypted: false };
  },
  async read(input: ImportInput): Promise<ImportResult> {
    const file = lastpassShape(parseJson(input.bytes));
    if (!file) {
      throw new ImportError(
        'damaged',
        `"${input.fileName}" is not a ${APP} export: it is not JSON with an accounts list and device fields.`,
      );
    }
    return readAccounts(file);
  },
};

interface LastPassFile {
  version: number;
  accounts: unknown[];
  folders: unknown[];
}

/**
 * The export's shape: a version, an accounts list, a device field both platforms write, and
 * accounts that look like LastPass's (no other app names its period "timeStep" beside "issuerName").
 */
function lastpassShape(value: unknown): LastPassFile | undefined {
  if (!isObject(value) || typeof value.version !== 'number' || !Array.isArray(value.accounts)) {
    return undefined;
  }
  if (typeof value.localDeviceId !== 'string' && typeof value.deviceName !== 'string') {
    return undefined;
  }
  const objects = value.accounts.filter(isObject);
  if (objects.length > 0 && !objects.some((a) => 'timeStep' in a && 'issuerName' in a)) {
    return undefined;
  }
  return {
    version: value.version,
    accounts: value.accounts,
    folders: Array.isArray(value.folders) ? value.folders : [],
  };
}

function readAccounts(file: LastPassFile): ImportResult {
  const folders = folderNames(file.folders);
  const collector = new EntryCollector();
  file.accounts.forEach((raw, index) => {
    if (!isObject(raw)) {
      collector.skip(`entry ${index + 1}`, 'The entry is not an object.');
      return;
    }
    const folder = folderOf(raw, folders);
    collector.add(
      {
        type: 'totp',
        issuer: shown(raw.issuerName, raw.originalIssuerName),
        name: shown(raw.userName, raw.originalUserName),
        secret: str(raw.secret),
        algorithm: str(raw.algorithm),
        digits: num(raw.digits),
        period: num(raw.timeStep),
      },
      folder ? { groups: [folder] } : {},
    );
  });
  const warnings = KNOWN_VERSIONS.includes(file.version)
    ? []
    : [
        `This ${APP} export has version ${file.version}; TrayOTP knows versions 1 (iPhone) and 3 (Android). Check that the codes match before you delete anything in LastPass.`,
      ];
  return { format: FORMAT, entries: collector.entries, skipped: collector.skipped, warnings };
}

/** The name as the person edited it in the app, else as it was scanned. */
function shown(edited: unknown, original: unknown): string | undefined {
  const name = str(edited)?.trim();
  return name ? name : str(original);
}

function folderNames(folders: unknown[]): Map<number, string> {
  const names = new Map<number, string>();
  for (const folder of folders.filter(isObject)) {
    const name = str(folder.name)?.trim();
    if (typeof folder.id === 'number' && name) names.set(folder.id, name);
  }
  return names;
}

function folderOf(account: JsonObject, names: Map<number, string>): string | undefined {
  const id = isObject(account.folderData) ? account.folderData.folderId : undefined;
  if (typeof id !== 'number' || id === UNFILED_FOLDER) return undefined;
  return names.get(id);
}
