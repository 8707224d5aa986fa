// A vault file older than its newest backup (put back by a sync tool, a disk image, someone):
// after unlock the state says so, and restoring that backup (the damaged-file restore, reused)
// brings the newer accounts back, keeping the old file beside it.
import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { fakeApp } from '../../../fakes/app';

const GITHUB = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
const GOOGLE = 'otpauth://totp/Google:bob?secret=GEZDGNBVGY3TQOJQ&issuer=Google';
const PASSPHRASE = 'correct horse battery';

describe('VaultSession: a rolled-back vault file', () => {
  it('is reported after unlock, and its newest backup can be restored', async () => {
    const first = await fakeApp();
    await first.app.session.create(PASSPHRASE);
    await first.app.adding.addUri(GITHUB);
    const old = await readFile(first.adapters.vaultPath);
    await first.app.adding.addUri(GOOGLE);
    expect((await first.app.getState()).rollback).toBeNull();
    await first.app.shutdown();

    // The older file comes back; the next start opens it.
    await writeFile(first.adapters.vaultPath, old);
    const { app, states, clipboard } = await fakeApp({ dir: first.dir });
    await app.session.unlock(PASSPHRASE);
    const state = await app.getState();
    expect(state.accounts.map((a) => a.issuer)).toEqual(['GitHub']);
    expect(state.rollback).toMatchObject({ vaultRevision: expect.any(Number) });
    const rollback = state.rollback!;
    expect(rollback.backupRevision).toBeGreaterThan(rollback.vaultRevision);
    expect(rollback.backupSavedAt).toMatch(/^\d{4}-\d\d-\d\dT/);

    // Restoring while unlocked is allowed for exactly this backup: the open file is the older.
    // It locks first, as Lock does, taking a code we left on the clipboard with it.
    await app.codes.copy(state.accounts[0]!.id);
    expect(clipboard.text).toMatch(/^\d{6}$/);
    const restored = await app.session.restoreBackup(rollback.backupRevision);
    expect(restored.keptAs).toMatch(/vault\.trayotp\.damaged-/);
    expect(states().at(-1)!.vault).toBe('locked');
    expect(clipboard.text).toBe('');
    await app.session.unlock(PASSPHRASE);
    const after = await app.getState();
    expect(after.accounts.map((a) => a.issuer)).toEqual(['GitHub', 'Google']);
    expect(after.rollback).toBeNull();
  });

  it('restoring some other backup while unlocked is still refused', async () => {
    const { app } = await fakeApp();
    await app.session.create(PASSPHRASE);
    await app.adding.addUri(GITHUB);
    await expect(app.session.restoreBackup(0)).rejects.toMatchObject({ code: 'vault-unlocked' });
  });
});

describe('VaultSession: the rolled-back report outlives saves that only record use', () => {
  async function rolledBack() {
    const first = await fakeApp();
    await first.app.session.create(PASSPHRASE);
    await first.app.adding.addUri(GITHUB);
    const old = await readFile(first.adapters.vaultPath);
    await first.app.adding.addUri(GOOGLE);
    await first.app.shutdown();
    await writeFile(first.adapters.vaultPath, old);
    const next = await fakeApp({ dir: first.dir });
    await next.app.session.unlock(PASSPHRASE);
    return next;
  }

  it('copying a code (which saves its use) keeps the offer; restoring still works', async () => {
    const { app } = await rolledBack();
    const { rollback, accounts } = await app.getState();
    await app.codes.copy(accounts[0]!.id);
    expect((await app.getState()).rollback).toEqual(rollback);
    await app.session.restoreBackup(rollback!.backupRevision);
    await app.session.unlock(PASSPHRASE);
    expect((await app.getState()).accounts.map((a) => a.issuer)).toEqual(['GitHub', 'Google']);
  });

  it('Keep this version: the offer goes, across lock and unlock', async () => {
    const { app } = await rolledBack();
    expect((await app.getState()).rollback).not.toBeNull();
    await app.session.dismissRollback();
    expect((await app.getState()).rollback).toBeNull();
    await app.session.lock();
    await app.session.unlock(PASSPHRASE);
    expect((await app.getState()).rollback).toBeNull();
  });
});
