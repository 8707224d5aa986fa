// The phone's next automatic backup after Aegis's own sample (tests/fixtures, via testdataPath):
// Boeing deleted, Codeberg added, WWE renamed. The follow tests (core, app, window) all diff the
// sample against this one.
import type { ImportedEntry } from '../../main/importers/types';

export function nextAegisEntries(entries: readonly ImportedEntry[]): ImportedEntry[] {
  const next = entries
    .filter((e) => e.account.issuer !== 'Boeing')
    .map((e) =>
      e.account.issuer === 'WWE' ? { ...e, account: { ...e.account, name: 'Mason (work)' } } : e,
    );
  next.push({
    account: {
      ...entries[0]!.account,
      issuer: 'Codeberg',
      name: 'mason',
      secret: 'JBSWY3DPEHPK3PXP',
    },
    warnings: [],
  });
  return next;
}
