// The hotkey's account (main/app/typing/hotkey-account.ts): built once per press from a vault
// entry and read as it is by matching and by typing. It carries what those two read, a code
// source instead of the secret, and the bound sites as a title names them.
import { describe, expect, it } from 'vitest';
import type { SiteMatchInfo } from '../../../../main/app/typing/account-matching';
import { matchAccount } from '../../../../main/app/typing/account-matching';
import { hotkeyAccount } from '../../../../main/app/typing/hotkey-account';
import { waitBeforeTyping } from '../../../../main/app/typing/type-code';
import type { Account } from '../../../../main/otp';
import { newEntry } from '../../../../main/vault';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const acme: Account = {
  type: 'totp',
  issuer: 'Acme',
  name: 'alice',
  secret: SECRET,
  algorithm: 'SHA1',
  digits: 6,
  period: 60,
  counter: 0,
};
const site: SiteMatchInfo = {
  names: ['Acme Cloud'],
  otherSites: [],
  domains: ['acme.example'],
  domainWords: ['acme'],
};

describe('hotkeyAccount', () => {
  it('carries what matching and typing read, and a code source instead of the secret', async () => {
    const asked: number[] = [];
    const entry = newEntry({ ...acme, type: 'hotp', counter: 7 }, 'acme-1', 5, {
      domains: ['login.acme.example'],
    });
    const account = hotkeyAccount(
      entry,
      async (atMs) => {
        asked.push(atMs);
        return '123456';
      },
      site,
    );
    expect({ ...account, code: undefined }).toEqual({
      id: 'acme-1',
      issuer: 'Acme',
      name: 'alice',
      domains: ['login.acme.example'],
      type: 'hotp',
      period: 60,
      site,
      code: undefined,
    });
    expect(JSON.stringify(account)).not.toContain(SECRET);
    expect(await account.code(42)).toBe('123456');
    expect(asked).toEqual([42]);
  });

  it('reads a whole-site binding ("*.hostco.com") as the site a title names', () => {
    const entry = newEntry(acme, 'a', 0, { domains: ['*.hostco.com', 'panel.other.example'] });
    const account = hotkeyAccount(entry, async () => '000000');
    expect(account.domains).toEqual(['hostco.com', 'panel.other.example']);
    expect('site' in account).toBe(false);
    expect(matchAccount('Sign in — panel.hostco.com', [account])).toMatchObject({
      kind: 'match',
      id: 'a',
      reason: 'domain',
    });
  });

  it('is read as it is by the fresh-code wait: HOTP never waits, TOTP by its period', () => {
    const totp = hotkeyAccount(newEntry(acme, 't', 0), async () => '000000');
    const hotp = hotkeyAccount(newEntry({ ...acme, type: 'hotp' }, 'h', 0), async () => '000000');
    expect(waitBeforeTyping(totp, 59_000, 3)).toBe(1000);
    expect(waitBeforeTyping(hotp, 59_000, 3)).toBe(0);
  });
});
