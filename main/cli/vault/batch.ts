// Adding a batch of accounts in one save (vault add, vault import): an account the vault already
// holds, or one given twice, is the same key for the same kind of code (importers/duplicates.ts,
// as the app's import decides); it is skipped and counted unless --allow-duplicate asks for it.
import { classifyImport } from '../../importers/duplicates';
import { importedTags } from '../../importers/types';
import type { ImportedEntry } from '../../importers/types';
import type { Vault } from '../../vault';
import { entryAccount } from '../../vault';
import { displayText } from '../display';
import { plural } from '../plural';
import type { CliIo } from '../io';
import { label } from './accounts';
import { warnAboutBackup } from './open';

export interface BatchResult {
  added: number;
  skipped: number;
}

export async function addBatch(
  io: CliIo,
  vault: Vault,
  entries: readonly ImportedEntry[],
  allowDuplicate: boolean,
): Promise<BatchResult> {
  const classified = classifyImport(vault.entries.map(entryAccount), [...entries]);
  const kept = classified.filter((c) => allowDuplicate || c.status === 'new');
  for (const c of classified) {
    if (c.status !== 'duplicate' || allowDuplicate) continue;
    const where = c.of === 'existing' ? 'already in the vault' : 'given twice';
    io.stderr(
      `trayotp: skipped ${displayText(label(c.entry.account))}: ${where} with the same secret\n`,
    );
  }
  const added =
    kept.length === 0
      ? []
      : await vault.addAll(
          kept.map(({ entry }) => ({
            account: entry.account,
            meta: { tags: importedTags(entry) },
          })),
        );
  for (const entry of added) io.stdout(`added ${displayText(label(entry))} (id ${entry.id})\n`);
  const skipped = classified.length - kept.length;
  if (skipped > 0) {
    io.stderr(
      `trayotp: ${plural(skipped, 'duplicate')} skipped (add --allow-duplicate to add ${skipped === 1 ? 'it' : 'them'} anyway)\n`,
    );
  }
  if (added.length > 0) warnAboutBackup(io, vault);
  return { added: added.length, skipped };
}
