// A vault file older than its newest backup (put back by a sync tool, a disk image, someone):
// after unlock the state says so, and restoring that backup (the damaged-file restore, reused)
// brings the newer accounts back, keeping the old file beside it.
import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { controllerSetup, ok } from './support/controller';

const GITHUB = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
const GOOGLE = 'otpauth://totp/Google:bob?secret=GEZDGNBVGY3TQOJQ&issuer=Google';
const PASSPHRASE = 'correct horse battery';

describe('AppController: a rolled-back vault file', () => {
  it('is reported after unlock, and its newest backup can be restored', async () => {
    const first = await controllerSetup();
    ok(await first.controller.createVault(PASSPHRASE));
    ok(await first.controller.addUri(GITHUB));
    const old = await readFile(first.deps.vaultPath);
    ok(await first.controller.addUri(GOOGLE));
    expect((await first.controller.getState()).rollback).toBeNull();
    await first.controller.shutdown();

    // The older file comes back; the next start opens it.
    await writeFile(first.deps.vaultPath, old);
    const { controller, states, clipboard } = await controllerSetup({ dir: first.dir });
    ok(await controller.unlock(PASSPHRASE));
    const state = await controller.getState();
    expect(state.accounts.map((a) => a.issuer)).toEqual(['GitHub']);
    expect(state.rollback).toMatchObject({ vaultRevision: expect.any(Number) });
    const rollback = state.rollback!;
    expect(rollback.backupRevision).toBeGreaterThan(rollback.vaultRevision);
    expect(rollback.backupSavedAt).toMatch(/^\d{4}-\d\d-\d\dT/);

    // Restoring while unlocked is allowed for exactly this backup: the open file is the older.
    // It locks first, as Lock does, taking a code we left on the clipboard with it.
    ok(await controller.copyCode(state.accounts[0]!.id));
    expect(clipboard.text).toMatch(/^\d{6}$/);
    const restored = ok(await controller.restoreBackup(rollback.backupRevision));
    expect(restored.keptAs).toMatch(/vault\.trayotp\.damaged-/);
    expect(states().at(-1)!.vault).toBe('locked');
    expect(clipboard.text).toBe('');
    ok(await controller.unlock(PASSPHRASE));
    const after = await controller.getState();
    expect(after.accounts.map((a) => a.issuer)).toEqual(['GitHub', 'Google']);
    expect(after.rollback).toBeNull();
  });

  it('restoring some other backup while unlocked is still refused', async () => {
    const { controller } = await controllerSetup();
    ok(await controller.createVault(PASSPHRASE));
    ok(await controller.addUri(GITHUB));
    await expect(controller.restoreBackup(0)).rejects.toMatchObject({ code: 'vault-unlocked' });
  });
});

describe('AppController: the rolled-back report outlives saves that only record use', () => {
  async function rolledBack() {
    const first = await controllerSetup();
    ok(await first.controller.createVault(PASSPHRASE));
    ok(await first.controller.addUri(GITHUB));
    const old = await readFile(first.deps.vaultPath);
    ok(await first.controller.addUri(GOOGLE));
    await first.controller.shutdown();
    await writeFile(first.deps.vaultPath, old);
    const next = await controllerSetup({ dir: first.dir });
    ok(await next.controller.unlock(PASSPHRASE));
    return next;
  }

  it('copying a code (which saves its use) keeps the offer; restoring still works', async () => {
    const { controller } = await rolledBack();
    const { rollback, accounts } = await controller.getState();
    ok(await controller.copyCode(accounts[0]!.id));
    expect((await controller.getState()).rollback).toEqual(rollback);
    ok(await controller.restoreBackup(rollback!.backupRevision));
    ok(await controller.unlock(PASSPHRASE));
    expect((await controller.getState()).accounts.map((a) => a.issuer)).toEqual([
      'GitHub',
      'Google',
    ]);
  });

  it('Keep this version: the offer goes, across lock and unlock', async () => {
    const { controller } = await rolledBack();
    expect((await controller.getState()).rollback).not.toBeNull();
    expect(await controller.dismissRollback()).toEqual({ ok: true, value: null });
    expect((await controller.getState()).rollback).toBeNull();
    ok(await controller.lock());
    ok(await controller.unlock(PASSPHRASE));
    expect((await controller.getState()).rollback).toBeNull();
  });
});
