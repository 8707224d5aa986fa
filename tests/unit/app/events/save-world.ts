// The world of the save-events model (issue 26): one app as assembleApp builds it on a real vault,
// and a second Vault on the same file (another TrayOTP process, the command line). After every
// command the world checks that nothing is stale: the state last pushed to the window is what
// the app reads now, the accounts in it are what a fresh read of the file holds, the tray's
// recent list is that state's, and the app heard exactly one event per save.
import { expect } from 'vitest';
import type { AppState } from '../../../../preload/contract';
import { trayState } from '../../../../main/app/tray/tray-actions';
import type { SessionChange } from '../../../../main/app/vault/vault-session';
import { accountView, sortedEntries } from '../../../../main/app/accounts/views';
import { Vault } from '../../../../main/vault';
import { fakeApp } from '../../../fakes/app';
import type { FakeApp } from '../../../fakes/app';

/** What the model expects: the lock, the HOTP codes revealed, the saves and external saves. */
export interface SaveModel {
  locked: boolean;
  revealed: Set<string>;
  /** Saves this app made or took in so far: each must be exactly one event. */
  saves: number;
  /** Another process saved while this app was locked: one 'external' event at the unlock. */
  externalWhileLocked: boolean;
  /** Issuers of the accounts added so far (unique words, so a title names one). */
  added: number;
}

export const ISSUERS = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot', 'Golf', 'Hotel'];
const SECRETS = [
  'JBSWY3DPEHPK3PXP',
  'GEZDGNBVGY3TQOJQ',
  'KRSXG5CTMVRXEZLU',
  'MFRGGZDFMZTWQ2LK',
  'ONSWG4TFOQ======',
  'NBSWY3DPFQQHO33S',
  'MZXW6YTBOI======',
  'OBQXG43XN5ZGIAAA',
];

export class SaveWorld {
  readonly heard: SessionChange[] = [];

  private constructor(
    readonly f: FakeApp,
    readonly other: Vault,
  ) {
    f.app.session.onChange((change) => void this.heard.push(change));
  }

  static async create(): Promise<SaveWorld> {
    const f = await fakeApp();
    await f.app.session.create();
    const other = await Vault.open(f.adapters.vaultPath, { clock: f.clock });
    await other.unlock({ keychain: f.adapters.keychain });
    return new SaveWorld(f, other);
  }

  /** The otpauth link of the n-th account added (every third one HOTP). */
  static uri(n: number): string {
    const issuer = ISSUERS[n % ISSUERS.length]!;
    const secret = SECRETS[n % SECRETS.length]!;
    return n % 3 === 2
      ? `otpauth://hotp/${issuer}:user${n}?secret=${secret}&issuer=${issuer}&counter=0`
      : `otpauth://totp/${issuer}:user${n}?secret=${secret}&issuer=${issuer}`;
  }

  get saveEvents(): number {
    return this.heard.filter((c) => c.type === 'saved').length;
  }

  /** The accounts as a fresh read of the file shows them (another process's view). */
  async freshAccounts(): Promise<{ accounts: AppState['accounts']; revision: number }> {
    const fresh = await Vault.open(this.f.adapters.vaultPath, { clock: this.f.clock });
    await fresh.unlock({ keychain: this.f.adapters.keychain });
    const accounts = sortedEntries(fresh.entries).map(accountView);
    return { accounts, revision: fresh.revision };
  }

  async check(model: SaveModel, savesBefore: number): Promise<void> {
    const { f } = this;
    // Exactly one event per save.
    expect(this.saveEvents).toBe(model.saves);
    const pushed = f.states().at(-1);
    // Never stale: what was pushed last is what the app reads now.
    expect(pushed).toEqual(await f.app.getState());
    expect(pushed?.vault).toBe(model.locked ? 'locked' : 'unlocked');
    if (!model.locked) {
      // What the window holds is what the file holds.
      const fresh = await this.freshAccounts();
      const labels = (accounts: AppState['accounts']) =>
        accounts.map((a) => [a.id, a.issuer, a.name, a.lastUsedAt]);
      expect(labels(pushed!.accounts)).toEqual(labels(fresh.accounts));
      // The last save heard carries the revision on disk.
      const saves = this.heard.filter((c) => c.type === 'saved');
      if (saves.length > savesBefore) expect(saves.at(-1)!.revision).toBe(fresh.revision);
    }
    // The tray shows the pushed state's recent list.
    const expected = trayState(pushed!, 0, '').recent.map((a) => a.id);
    expect(f.app.tray.state.recent.map((a) => a.id)).toEqual(expected);
  }

  async dispose(): Promise<void> {
    this.other.lock();
    await this.f.app.shutdown();
  }
}
