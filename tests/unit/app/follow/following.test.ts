// Following a phone's backups in the app (main/app/follow): the app as assembleApp builds it on a
// real vault, a temp folder with Aegis's own sample backup (tests/fixtures/interop/aegis, its
// PROVENANCE.md), a fake folder picker and a watcher the test fires. Shown: what a newer backup
// added, changed and removed; merged: the chosen additions and ticked renames, never a removal.
import {
  copyFile,
  lstat,
  mkdtemp,
  readFile,
  readdir,
  rm,
  symlink,
  truncate,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FollowStatus } from '../../../../preload/views/follow';
import { MIN_READ_INTERVAL_MS } from '../../../../main/app/follow/follow-watch';
import { aegisImporter } from '../../../../main/importers/aegis';
import type { ImportedEntry } from '../../../../main/importers/types';
import { exportAegisEncrypted } from '../../../../main/importers/export/aegis';
import type { FolderWatcher } from '../../../../main/sync/watch';
import { fakeApp } from '../../../fakes/app';
import { testdataPath } from '../../../support/testdata';
import { enteBackup } from '../../sync/ente-backup';
import { nextAegisEntries } from '../../../support/aegis-next-backup';

const PASSWORD = 'test'; // the sample's (tests/fixtures/interop/aegis/expected.json)
const FIRST = 'aegis-backup-20261201-080000.json';
const SECOND = 'aegis-backup-20261202-080000.json';

class FiredWatcher implements FolderWatcher {
  readonly watched = new Map<string, () => void>();
  watch(dir: string, onChange: () => void): () => void {
    this.watched.set(dir, onChange);
    return () => this.watched.delete(dir);
  }
  fire(dir: string): void {
    this.watched.get(dir)?.();
  }
}

let folder: string;
let sample: Buffer;
let sampleEntries: ImportedEntry[];

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'trayotp-follow-'));
  sample = await readFile(testdataPath('interop/aegis/aegis_encrypted.json'));
  sampleEntries = (await aegisImporter.read({ fileName: 'x.json', bytes: sample }, PASSWORD))
    .entries;
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function put(name: string, bytes: Uint8Array | string, day: number) {
  await writeFile(join(folder, name), bytes);
  const at = Date.UTC(2026, 11, day, 8) / 1000;
  await utimes(join(folder, name), at, at);
}

/** Names, sizes and modification times: what "nothing written in the folder" compares. */
async function listing() {
  const names = (await readdir(folder)).sort();
  return Promise.all(
    names.map(async (name) => {
      const info = await lstat(join(folder, name));
      return [name, info.size, info.mtimeMs];
    }),
  );
}

/** The phone's next backup: Boeing deleted, Codeberg added, WWE renamed. */
async function nextBackup(): Promise<string> {
  const next = nextAegisEntries(sampleEntries);
  return exportAegisEncrypted(next, PASSWORD);
}

async function following(options: { accounts?: number } = {}) {
  const watcher = new FiredWatcher();
  const fake = await fakeApp({
    follow: { folderPicker: { pickFolder: async () => folder }, watcher },
  });
  await fake.app.session.create();
  const vault = fake.app.session.unlocked();
  if (options.accounts) {
    await vault.addAll(
      sampleEntries.slice(0, options.accounts).map((e) => ({ account: e.account })),
    );
  }
  const follow = fake.app.follow;
  /** Waits for the watcher's check to finish (it reports through followChanged). */
  const fired = async (): Promise<FollowStatus> => {
    await fake.clock.advance(MIN_READ_INTERVAL_MS);
    const before = fake.pushed('followChanged').length;
    watcher.fire(folder);
    await expect
      .poll(
        () =>
          fake
            .pushed('followChanged')
            .slice(before)
            .some((s) => !(s as FollowStatus).checking),
        {
          timeout: 30_000,
        },
      )
      .toBe(true);
    return follow.status();
  };
  const labels = () => vault.entries.map((e) => `${e.issuer}:${e.name}`);
  return { ...fake, watcher, follow, vault, fired, labels };
}

describe('following a phone backup folder', () => {
  it("against Aegis's sample backups: an added, a changed and a removed entry are shown and merged as chosen; nothing is written in the folder", async () => {
    await put(FIRST, sample, 1);
    const { follow, vault, fired, labels, table } = await following();

    // The first read offers what the vault lacks: all seven.
    const started = await follow.start({ folder, password: PASSWORD, autoAdd: false });
    expect(started).toMatchObject({
      state: 'following',
      folder,
      app: { id: 'aegis', label: 'Aegis' },
      lastRead: { file: FIRST },
      error: null,
    });
    expect(started.pending?.added.map((a) => a.issuer)).toEqual([
      'Deno',
      'SPDX',
      'Airbnb',
      'Issuu',
      'Air Canada',
      'WWE',
      'Boeing',
    ]);
    const merged = await follow.merge({
      addIds: started.pending!.added.map((a) => a.id),
      changeIds: [],
    });
    expect(merged.pending).toBeNull();
    expect(merged.lastMerge).toMatchObject({ added: 7, updated: 0 });
    expect(vault.entries).toHaveLength(7);

    // The phone's next automatic backup arrives.
    await put(SECOND, await nextBackup(), 2);
    const before = await listing();
    const status = await fired();
    expect(status.lastRead?.file).toBe(SECOND);
    expect(status.pending?.added.map((a) => `${a.issuer}:${a.name}`)).toEqual(['Codeberg:mason']);
    expect(status.pending?.removed.map((a) => `${a.issuer}:${a.name}`)).toEqual(['Boeing:Sophia']);
    expect(status.pending?.changed.map((c) => [c.before.name, c.after.name])).toEqual([
      ['Mason', 'Mason (work)'],
    ]);
    // What the window is given: labels and made-up ids, never a secret.
    expect(JSON.stringify(status)).not.toMatch(/JBSWY3DPEHPK3PXP/);
    expect(JSON.stringify(await table.invoke('followStatus', []))).not.toMatch(/JBSWY3DPEHPK3PXP/);

    const after = await follow.merge({
      addIds: status.pending!.added.map((a) => a.id),
      changeIds: status.pending!.changed.map((c) => c.id),
    });
    expect(after.pending).toBeNull();
    expect(after.lastMerge).toMatchObject({ added: 1, updated: 1 });
    expect(labels()).toContain('Codeberg:mason');
    expect(labels()).toContain('WWE:Mason (work)');
    expect(labels()).toContain('Boeing:Sophia'); // removals are the person's to make
    expect(await listing()).toEqual(before);
  });

  it('a wrong password is an error sentence and nothing is stored', async () => {
    await put(FIRST, sample, 1);
    const { follow, vault, table } = await following();
    const before = await listing();
    const result = await table.invoke('followStart', [
      { folder, password: 'wrong', autoAdd: true },
    ]);
    expect(result).toEqual({
      ok: false,
      error: { code: 'wrong-password', message: expect.stringMatching(/password/i) },
    });
    expect(vault.secret('follow')).toBeUndefined();
    expect(follow.status().state).toBe('off');
    expect(vault.entries).toHaveLength(0);
    expect(await listing()).toEqual(before);
  });

  it('adds new accounts by itself when asked to, and offers only the rest', async () => {
    await put(FIRST, sample, 1);
    const { follow, vault, fired, labels } = await following({ accounts: 5 });
    const started = await follow.start({ folder, password: PASSWORD, autoAdd: true });
    expect(started.pending).toBeNull();
    expect(started.lastMerge).toMatchObject({ added: 2 });
    expect(vault.entries).toHaveLength(7);

    await put(SECOND, await nextBackup(), 2);
    const status = await fired();
    expect(labels()).toContain('Codeberg:mason');
    expect(status.pending?.added).toEqual([]);
    expect(status.pending?.removed.map((r) => r.issuer)).toEqual(['Boeing']);
    expect(status.pending?.changed).toHaveLength(1);
  });

  it('an addition left unticked at a merge is not offered again', async () => {
    await put(FIRST, sample, 1);
    const { follow, fired } = await following({ accounts: 7 });
    expect((await follow.start({ folder, password: PASSWORD, autoAdd: false })).pending).toBeNull();
    await put(SECOND, await nextBackup(), 2);
    const status = await fired();
    await follow.merge({ addIds: [], changeIds: [] });
    expect(follow.status().pending).toBeNull();
    // The same backup again (touched by the sync tool): still nothing to offer.
    await utimes(join(folder, SECOND), new Date(), new Date());
    expect((await fired()).pending).toBeNull();
    expect(status.pending?.added).toHaveLength(1);
  });

  it('watches only while unlocked: lock stops it and drops the backup; unlock resumes', async () => {
    await put(FIRST, sample, 1);
    const { app, follow, watcher } = await following();
    await follow.start({ folder, password: PASSWORD, autoAdd: false });
    expect([...watcher.watched.keys()]).toEqual([folder]);
    await app.session.lock();
    expect(watcher.watched.size).toBe(0);
    expect(follow.status()).toMatchObject({ state: 'locked', folder: null, pending: null });
    await app.session.unlock();
    expect([...watcher.watched.keys()]).toEqual([folder]);
    await expect.poll(() => follow.status().pending?.added.length, { timeout: 30_000 }).toBe(7);
  });

  it('stop forgets the folder and its password', async () => {
    await put(FIRST, sample, 1);
    const { follow, vault, watcher } = await following();
    await follow.start({ folder, password: PASSWORD, autoAdd: false });
    expect(vault.secret('follow')).toContain(PASSWORD);
    expect((await follow.stop()).state).toBe('off');
    expect(vault.secret('follow')).toBeUndefined();
    expect(watcher.watched.size).toBe(0);
  });

  it('what it kept, damaged, is said; following again overwrites it', async () => {
    await put(FIRST, sample, 1);
    const { follow, vault } = await following();
    await vault.setSecret('follow', '{"v":1,"folder":');
    expect(follow.status()).toMatchObject({
      state: 'off',
      error: expect.stringMatching(/choose the folder again/),
    });
    await follow.start({ folder, password: PASSWORD, autoAdd: false });
    expect(follow.status()).toMatchObject({ state: 'following', error: null });
  });

  it('choosing a folder says which app wrote its backups, or why it cannot be followed', async () => {
    const { table } = await following();
    expect(await table.invoke('followChooseFolder', [])).toEqual({
      ok: true,
      value: {
        folder,
        app: null,
        newest: null,
        problem: expect.stringMatching(/no Aegis, 2FAS or Ente Auth backup/),
      },
    });
    await put('2fas-backup-20261201080000.2fas', '{}', 1);
    expect(await table.invoke('followChooseFolder', [])).toMatchObject({
      ok: true,
      value: {
        app: { id: '2fas', label: '2FAS Auth' },
        newest: '2fas-backup-20261201080000.2fas',
        problem: null,
      },
    });
  });
});

describe('2FAS and Ente Auth folders', () => {
  it("2FAS: its export (the app's own sample, schema 4) is followed with the password", async () => {
    await copyFile(
      testdataPath('interop/aegis/2fas_authenticator_encrypted_v4.2fas'),
      join(folder, '2fas-backup-20261201080000.2fas'),
    );
    const { follow } = await following();
    const status = await follow.start({ folder, password: 'test', autoAdd: false });
    expect(status.app).toEqual({ id: '2fas', label: '2FAS Auth' });
    expect(status.pending?.added.map((a) => a.issuer)).toContain('Deno');
  });

  it("Ente Auth: a newer daily backup's addition is added by itself", async () => {
    const github = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
    const gitlab = 'otpauth://totp/GitLab:bob?secret=KRSXG5CTMVRXEZLUKRSXG5CT&issuer=GitLab';
    await put('ente-auth-daily-backup-2026-12-01_08-00-00.json', await enteBackup(github, 'pw'), 1);
    const { follow, fired, labels } = await following();
    const status = await follow.start({ folder, password: 'pw', autoAdd: true });
    expect(status.app?.label).toBe('Ente Auth');
    expect(labels()).toEqual(['GitHub:alice']);
    await put(
      'ente-auth-daily-backup-2026-12-02_08-00-00.json',
      await enteBackup(`${github}\n${gitlab}`, 'pw'),
      2,
    );
    expect((await fired()).lastMerge).toMatchObject({ added: 1 });
    expect(labels()).toEqual(['GitHub:alice', 'GitLab:bob']);
  });
});

describe('a hostile followed folder gives an error sentence, stores nothing and does not hang', () => {
  it('10,000 files in the folder', async () => {
    await Promise.all(
      Array.from({ length: 10_000 }, (_, i) => writeFile(join(folder, `n${i}`), '')),
    );
    await put(FIRST, sample, 1);
    const { follow, vault } = await following();
    await expect(follow.start({ folder, password: PASSWORD, autoAdd: false })).rejects.toThrow(
      /more than 5,000 files/,
    );
    expect(vault.secret('follow')).toBeUndefined();
  });

  it('a symlink to /dev/zero under a backup name is passed over', async () => {
    await symlink('/dev/zero', join(folder, FIRST));
    const { follow, vault } = await following();
    await expect(follow.start({ folder, password: PASSWORD, autoAdd: false })).rejects.toThrow(
      /no Aegis, 2FAS or Ente Auth backup/,
    );
    expect(vault.secret('follow')).toBeUndefined();
  });

  it('a folder rewritten again and again is read at most once per interval', async () => {
    await put(FIRST, sample, 1);
    const { follow, watcher, clock, pushed } = await following();
    await follow.start({ folder, password: PASSWORD, autoAdd: false });
    const reads = () => pushed('followChanged').filter((s) => (s as FollowStatus).checking).length;
    const before = reads();
    for (let day = 2; day < 12; day++) {
      await put(`aegis-backup-202612${String(day).padStart(2, '0')}-080000.json`, sample, day);
      watcher.fire(folder);
      await clock.advance(1_000);
    }
    expect(reads()).toBe(before); // within the interval of the start's read: none yet
    await clock.advance(MIN_READ_INTERVAL_MS);
    await expect
      .poll(() => follow.status().lastRead?.file, { timeout: 30_000 })
      .toBe('aegis-backup-20261211-080000.json');
    expect(reads()).toBe(before + 1);
  });

  it('garbage, then an oversized file, as the newest backup: the status says so', async () => {
    await put(FIRST, sample, 1);
    const { follow, fired, vault } = await following();
    await follow.start({ folder, password: PASSWORD, autoAdd: false });
    const stored = vault.secret('follow');

    await put(SECOND, Buffer.alloc(5000, 0xfe), 2);
    expect((await fired()).error).toMatch(/Aegis/);
    await truncate(join(folder, SECOND), 17 << 20);
    await utimes(join(folder, SECOND), Date.UTC(2026, 11, 3) / 1000, Date.UTC(2026, 11, 3) / 1000);
    const status = await fired();
    expect(status.error).toMatch(/at most 16 MiB; it was not read/);
    expect(status.lastRead?.file).toBe(FIRST);
    expect(vault.secret('follow')).toBe(stored);
  });
});
