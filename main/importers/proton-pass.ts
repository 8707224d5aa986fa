// Proton Pass export (Settings → Export, unencrypted): a ZIP holding "Proton Pass/data.json", or
// that JSON by itself: {vaults: {<shareId>: {name, items: [{data: {type: "login", metadata:
// {name}, content: {totpUri}, extraFields: [{type: "totp", data: {totpUri}}]}, state}]}}}.
// A login's TOTP is an otpauth:// link, or only a secret when the user typed one. The entry is
// named after the login (as Aegis does); the vault becomes a group. State 2 is Proton's trash.
// The PGP-encrypted export is not read: its OpenPGP layer would need a PGP implementation.
import { EntryCollector } from './entries';
import { ImportError } from './errors';
import { isRecord, jsonOf } from './read-content';
import type { Detection, ImportInput, ImportResult, Importer } from './types';
import { readZipText, zipEntryNames } from './zip-archive';

const DATA_FILE = 'Proton Pass/data.json';
const APP = 'Proton Pass export';
const TRASHED = 2;

function isExport(json: unknown): json is { vaults: Record<string, unknown> } {
  return (
    isRecord(json) &&
    isRecord(json.vaults) &&
    Object.values(json.vaults).every((vault) => isRecord(vault) && Array.isArray(vault.items))
  );
}

function dataEntry(bytes: Uint8Array) {
  return zipEntryNames(bytes).find((entry) => entry.name === DATA_FILE);
}

export const protonPassImporter: Importer = {
  id: 'proton-pass',
  label: 'Proton Pass',
  detect(input: ImportInput): Detection {
    const entry = dataEntry(input.bytes);
    if (entry) return { confidence: 2, encrypted: entry.encrypted };
    return { confidence: isExport(jsonOf(input.bytes)) ? 2 : 0, encrypted: false };
  },
  async read(input: ImportInput, password?: string): Promise<ImportResult> {
    let json = jsonOf(input.bytes);
    if (dataEntry(input.bytes)) {
      const text = await readZipText(input.bytes, DATA_FILE, APP, password);
      try {
        json = JSON.parse(text) as unknown;
      } catch {
        throw new ImportError('damaged', `The ${APP}'s ${DATA_FILE} is not JSON.`);
      }
    }
    if (!isExport(json)) {
      throw new ImportError('damaged', `"${input.fileName}" is not a ${APP}: it has no vaults.`);
    }
    const collector = new EntryCollector();
    for (const vault of Object.values(json.vaults)) {
      const { name: vaultName, items } = vault as { name?: unknown; items: unknown[] };
      const groups = typeof vaultName === 'string' && vaultName.trim() ? [vaultName.trim()] : [];
      for (const item of items) addItem(collector, item, groups);
    }
    return { format: 'proton-pass', entries: collector.entries, skipped: collector.skipped };
  },
};

function addItem(collector: EntryCollector, item: unknown, groups: string[]): void {
  const record = isRecord(item) ? item : {};
  const data = isRecord(record.data) ? record.data : {};
  if (data.type !== 'login') return; // notes, cards, aliases hold no TOTP
  const metadata = isRecord(data.metadata) ? data.metadata : {};
  const content = isRecord(data.content) ? data.content : {};
  const title = typeof metadata.name === 'string' ? metadata.name.trim() : '';
  const note =
    typeof metadata.note === 'string' && metadata.note.trim() ? metadata.note : undefined;
  const links: string[] = [];
  if (typeof content.totpUri === 'string' && content.totpUri.trim())
    links.push(content.totpUri.trim());
  for (const field of Array.isArray(data.extraFields) ? data.extraFields : []) {
    const totp =
      isRecord(field) && field.type === 'totp' && isRecord(field.data)
        ? field.data.totpUri
        : undefined;
    if (typeof totp === 'string' && totp.trim()) links.push(totp.trim());
  }
  for (const link of links) {
    const label = title || 'Proton Pass login';
    if (record.state === TRASHED) {
      collector.skip(label, "The login is in Proton Pass's trash.");
      continue;
    }
    if (!link.toLowerCase().startsWith('otpauth://')) {
      // Proton Pass accepts a bare secret for a TOTP with the default settings.
      collector.add({ type: 'totp', name: title, secret: link }, { groups, note });
      continue;
    }
    const before = collector.entries.length;
    collector.addUri(link, { groups, note }, label);
    const added = collector.entries[before];
    if (added && title) added.account.name = title;
  }
}
