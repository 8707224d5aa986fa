// The vault as the app holds it (main/app/vault/vault-session.ts): create, lock and unlock with the
// keychain or a passphrase, re-keying, and a damaged file restored from its backups.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { fakeApp } from '../../../fakes/app';

const GITHUB = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
const BANK =
  'otpauth://hotp/Bank:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Bank&counter=0';

describe('VaultSession', () => {
  it('lock hides accounts, clears our code from the clipboard; the keychain unlocks again', async () => {
    const { app, clipboard } = await fakeApp();
    await app.session.create();
    const { account } = await app.adding.addUri(GITHUB);
    await app.codes.copy(account.id);
    await app.session.lock();
    expect(clipboard.text).toBe('');
    expect(await app.getState()).toMatchObject({ vault: 'locked', accounts: [] });
    expect(app.codes.list()).toEqual([]);
    await expect(app.codes.copy(account.id)).rejects.toMatchObject({ code: 'locked' });
    await app.session.unlock();
    expect((await app.getState()).accounts).toHaveLength(1);
  });

  it('a keychain that protects nothing (basic_text) requires a passphrase', async () => {
    const { app } = await fakeApp({ backend: 'basic_text' });
    expect(await app.getState()).toMatchObject({
      keychain: { weak: true },
      passphraseRequired: true,
    });
    await expect(app.session.create()).rejects.toMatchObject({ code: 'passphrase-required' });
    await app.session.create('correct horse battery staple');
    await app.session.lock();
    await expect(app.session.unlock('wrong')).rejects.toMatchObject({ code: 'wrong-passphrase' });
    await app.session.unlock('correct horse battery staple');
  });

  it('removes the passphrase only with the current one and a real keychain; the vault then unlocks alone', async () => {
    const { app, adapters } = await fakeApp();
    const PASS = 'correct horse battery staple';
    await app.session.create(PASS);
    expect(await app.getState()).toMatchObject({ passphraseRequired: true });
    const vaultPath = adapters.vaultPath;
    const before = await readFile(vaultPath);
    await expect(app.session.changePassphrase(undefined, null)).rejects.toMatchObject({
      code: 'passphrase-required',
    });
    await expect(app.session.changePassphrase('wrong', null)).rejects.toMatchObject({
      code: 'wrong-passphrase',
    });
    expect(await readFile(vaultPath)).toEqual(before);
    await app.session.changePassphrase(PASS, null);
    expect(await app.getState()).toMatchObject({ passphraseRequired: false });
    await app.session.lock();
    await app.session.unlock();
    expect(await app.getState()).toMatchObject({ vault: 'unlocked' });

    // With only basic_text to fall back on, the passphrase stays.
    const weak = await fakeApp({ backend: 'basic_text' });
    await weak.app.session.create(PASS);
    await expect(weak.app.session.changePassphrase(PASS, null)).rejects.toMatchObject({
      code: 'keychain-unavailable',
    });
  });

  it('changes the passphrase only with the current one (issue 13: an unlocked machine cannot be re-keyed)', async () => {
    const { app, adapters } = await fakeApp();
    const PASS = 'correct horse battery staple';
    await app.session.create(PASS);
    const before = await readFile(adapters.vaultPath);
    await expect(app.session.changePassphrase(undefined, 'a new passphrase')).rejects.toMatchObject(
      {
        code: 'passphrase-required',
      },
    );
    await expect(app.session.changePassphrase('wrong', 'a new passphrase')).rejects.toMatchObject({
      code: 'wrong-passphrase',
    });
    expect(await readFile(adapters.vaultPath)).toEqual(before);
    await app.session.changePassphrase(PASS, 'a new passphrase');
    await app.session.lock();
    await expect(app.session.unlock(PASS)).rejects.toMatchObject({ code: 'wrong-passphrase' });
    await app.session.unlock('a new passphrase');
  });

  it('a damaged vault file: the state says so and offers the backups; restoring one opens it', async () => {
    const { app, adapters, dir } = await fakeApp();
    await app.session.create();
    await app.adding.addUri(GITHUB);
    await app.adding.addUri(BANK);
    await app.session.lock();
    const { writeFile: write, readFile: read } = await import('node:fs/promises');
    const bytes = await read(adapters.vaultPath);
    bytes[bytes.length - 3]! ^= 0xff;
    await write(adapters.vaultPath, bytes);
    // A fresh start of the app on the damaged file.
    const restarted = (await fakeApp({ dir })).app;
    await expect(restarted.session.unlock()).rejects.toMatchObject({ code: 'body-authentication' });
    const state = await restarted.getState();
    expect(state.vault).toBe('damaged');
    expect(state.damage!.message).toMatch(/^Vault integrity check failed/);
    const newest = state.damage!.backups[0]!;
    expect(state.damage!.backups.map((b) => b.revision)).toEqual([2, 1, 0]);
    const restored = await restarted.session.restoreBackup(newest.revision);
    expect(restored.keptAs).toMatch(/vault\.trayotp\.damaged-/);
    expect((await restarted.getState()).vault).toBe('locked');
    await restarted.session.unlock();
    expect((await restarted.getState()).accounts.map((a) => a.issuer).sort()).toEqual([
      'Bank',
      'GitHub',
    ]);
    await expect(restarted.session.restoreBackup(newest.revision)).rejects.toMatchObject({
      code: 'vault-unlocked',
    });
  });
});
