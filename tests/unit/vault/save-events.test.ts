// The vault's save events (main/vault/save-events.ts, issue 26): one per save that reached the
// disk, naming its kind and the revision written; another program's save is one 'external'
// event when this vault takes it in (under a save's lock, or refresh); a failed save, a refresh
// that finds nothing new and a locked vault tell nothing; a listener's failure never fails a save.
import { mkdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Vault } from '../../../main/vault';
import type { VaultSaved } from '../../../main/vault';
import { CHEAP, PASSPHRASE, account, fixedClock, tempFolder } from './helpers';

async function twoProcesses() {
  const path = join(await tempFolder(), 'vault.trayotp');
  const clock = fixedClock();
  const here = await Vault.create(path, { clock, passphrase: PASSPHRASE, ...CHEAP });
  const there = await Vault.open(path, { clock });
  await there.unlock({ passphrase: PASSPHRASE });
  const heard: VaultSaved[] = [];
  here.onSaved((saved) => void heard.push(saved));
  return { path, here, there, heard };
}

describe('Vault save events', () => {
  it('one event per save, with its kind and the revision on disk', async () => {
    const { path, here, heard } = await twoProcesses();
    const a = await here.add(account('a'));
    await here.addAll([{ account: account('b') }]);
    await here.update(a.id, { issuer: 'A' });
    await here.markUsed(a.id);
    const h = await here.add(account('h', { type: 'hotp', counter: 0 }));
    await here.code(h.id);
    await here.setSecret('sync', '{}');
    await here.replaceEntries([...here.entries]);
    await here.replaceEntries([...here.entries], { kind: 'imported' });
    await here.remove(a.id);
    await here.changePassphrase('another passphrase', { ...CHEAP, current: PASSPHRASE });
    expect(heard.map((e) => e.kind)).toEqual([
      'added',
      'added',
      'edited',
      'used',
      'added',
      'counter',
      'secret',
      'replaced',
      'imported',
      'removed',
      'keys',
    ]);
    const revisions = heard.map((e) => e.revision);
    expect(revisions).toEqual([...revisions].sort((x, y) => x - y));
    const onDisk = await Vault.open(path, { clock: fixedClock() });
    expect(heard.at(-1)!.revision).toBe(onDisk.revision);
  });

  it("another program's save found under a save's lock is an 'external' event before its own", async () => {
    const { here, there, heard } = await twoProcesses();
    await there.add(account('theirs'));
    await here.add(account('ours'));
    expect(heard.map((e) => e.kind)).toEqual(['external', 'added']);
    expect(heard[0]!.revision).toBe(there.revision);
    expect(here.entries.map((e) => e.name).sort()).toEqual(['ours', 'theirs']);
  });

  it("refresh takes another program's save in as one event; nothing when nothing changed or locked", async () => {
    const { here, there, heard } = await twoProcesses();
    expect(await here.refresh()).toBe(false);
    await there.add(account('theirs'));
    expect(await here.refresh()).toBe(true);
    expect(await here.refresh()).toBe(false);
    expect(heard).toEqual([{ kind: 'external', revision: there.revision }]);
    expect(here.entries.map((e) => e.name)).toEqual(['theirs']);
    here.lock();
    await there.add(account('more'));
    expect(await here.refresh()).toBe(false);
    expect(heard).toHaveLength(1);
  });

  it('a save that fails tells nothing, and a failing listener fails no save', async () => {
    const { path, here, heard } = await twoProcesses();
    here.onSaved(() => {
      throw new Error('a listener that fails');
    });
    const a = await here.add(account('a'));
    expect(heard.map((e) => e.kind)).toEqual(['added']);
    await unlink(path);
    await mkdir(path); // the atomic rename over a folder fails
    await expect(here.markUsed(a.id)).rejects.toThrow();
    expect(await here.refresh()).toBe(false);
    expect(heard.map((e) => e.kind)).toEqual(['added']);
  });
});
