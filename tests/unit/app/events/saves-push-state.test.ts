// Saves are events (issue 26): every successful save of the vault — a copy, a typed code, an HOTP
// code, a save by another TrayOTP process on the same file — reaches the window's state, the
// tray's recent list and sync at once, without waiting for an unrelated save or a poll; a save
// that fails tells nobody anything.
import { mkdir, mkdtemp, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SyncEngine } from '../../../../main/sync';
import { Vault } from '../../../../main/vault';
import { fakeApp } from '../../../fakes/app';
import type { FakeApp } from '../../../fakes/app';

const GITHUB = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
const MAIL = 'otpauth://totp/Mail:carol?secret=KRSXG5CTMVRXEZLU&issuer=Mail';
const BANK =
  'otpauth://hotp/Bank:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Bank&counter=0';

const apps: FakeApp[] = [];
afterEach(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  for (const f of apps.splice(0)) await f.app.shutdown();
});

/** An unlocked app holding GitHub, Mail and the HOTP account Bank, none used yet. */
async function appWithAccounts(title?: string) {
  const f = await fakeApp(title === undefined ? {} : { title });
  apps.push(f);
  await f.app.session.create();
  const github = (await f.app.adding.addUri(GITHUB)).account.id;
  const mail = (await f.app.adding.addUri(MAIL)).account.id;
  const bank = (await f.app.adding.addUri(BANK)).account.id;
  return { f, github, mail, bank };
}

const lastState = (f: FakeApp) => f.states().at(-1);
const usedInState = (f: FakeApp, id: string) =>
  lastState(f)?.accounts.find((a) => a.id === id)?.lastUsedAt ?? null;
/** The tray's recent list, most recent first (all accounts while none was used). */
const trayRecent = (f: FakeApp) => f.app.tray.state.recent.map((a) => a.id);

describe('Saves are events: the window and the tray are never left stale', () => {
  it('a copy from the tray: the state and the recent list show the use', async () => {
    const { f, mail } = await appWithAccounts();
    f.app.tray.run({ type: 'copy-code', accountId: mail });
    // The tray's copy runs in the background (the menu closes at once): wait for its save only.
    await vi.waitFor(() => expect(usedInState(f, mail)).not.toBeNull(), { timeout: 3000 });
    expect(trayRecent(f)).toEqual([mail]);
  });

  it('a code typed with the hotkey: the state and the recent list change when it returns', async () => {
    const { f, github } = await appWithAccounts('Sign in to GitHub · GitHub — Mozilla Firefox');
    const before = f.states().length;
    expect(await f.app.typing.typeCurrentCode()).toBe('typed');
    expect(f.states().length).toBeGreaterThan(before);
    expect(usedInState(f, github)).not.toBeNull();
    expect(trayRecent(f)).toEqual([github]);
  });

  it('an HOTP next code: its save is pushed, and the account is the most recent', async () => {
    const { f, bank } = await appWithAccounts();
    const before = f.states().length;
    await f.app.codes.nextHotp(bank);
    expect(f.states().length).toBe(before + 1);
    expect(usedInState(f, bank)).not.toBeNull();
    expect(trayRecent(f)).toEqual([bank]);
  });

  it('a save by another TrayOTP process on the same file reaches the window', async () => {
    const { f } = await appWithAccounts();
    const other = await Vault.open(f.adapters.vaultPath, { clock: f.clock });
    await other.unlock({ keychain: f.adapters.keychain });
    const github = other.entries.find((e) => e.issuer === 'GitHub')!;
    await other.update(github.id, { issuer: 'GitHub Enterprise' });
    // Noticed on its own (the vault's file is watched)…
    await vi.waitFor(
      () => expect(lastState(f)?.accounts.map((a) => a.issuer)).toContain('GitHub Enterprise'),
      { timeout: 5000 },
    );
    // …and when asked, at once.
    await other.remove(github.id);
    await f.app.session.refresh();
    expect(lastState(f)?.accounts.map((a) => a.issuer)).not.toContain('GitHub Enterprise');
    expect(f.app.session.current?.entries.map((e) => e.issuer)).not.toContain('GitHub Enterprise');
  });

  it('a save that fails pushes nothing and emits no event', async () => {
    const { f, github } = await appWithAccounts();
    const heard: unknown[] = [];
    f.app.session.onChange((change) => void heard.push(change));
    const before = f.states().length;
    // A folder where the file was: the atomic rename over it fails.
    await unlink(f.adapters.vaultPath);
    await mkdir(f.adapters.vaultPath);
    await expect(f.app.codes.copy(github)).rejects.toThrow();
    await f.app.session.refresh();
    expect(heard).toEqual([]);
    expect(f.states().length).toBe(before);
    expect(trayRecent(f)).not.toEqual([github]);
  });

  it('sync hears a save at once: no timer has to run', async () => {
    const { f, github } = await appWithAccounts();
    const folder = await mkdtemp(join(tmpdir(), 'trayotp-synced-'));
    await f.app.sync.start(folder, 'Desk');
    await f.app.sync.idle();
    const told = vi.spyOn(SyncEngine.prototype, 'localChanged');
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval'] });
    await f.app.codes.copy(github);
    expect(told).toHaveBeenCalledTimes(1);
    vi.useRealTimers();
  });
});

describe('Save events name what changed', () => {
  it('one event per save, with its kind and the new revision', async () => {
    const { f, github, bank } = await appWithAccounts();
    const heard: { type: string; kind?: string; revision?: number }[] = [];
    f.app.session.onChange((change) => void heard.push(change));
    await f.app.codes.copy(github);
    await f.app.codes.nextHotp(bank);
    await f.app.accounts.update(github, { issuer: 'Git' });
    await f.app.adding.addUri('otpauth://totp/X:y?secret=MFRGGZDFMZTWQ2LK&issuer=X');
    await f.app.accounts.remove(github);
    await f.app.session.lock();
    expect(heard.map((c) => c.kind ?? c.type)).toEqual([
      'used',
      'counter',
      'edited',
      'added',
      'removed',
      'locked',
    ]);
    const revisions = heard.filter((c) => c.type === 'saved').map((c) => c.revision!);
    expect(revisions).toEqual([...revisions].sort((a, b) => a - b));
  });
});
