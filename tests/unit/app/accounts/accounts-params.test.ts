// An account's code parameters changed from the Edit view (issue 25, point 8): previewed in main
// through the gate every account passes (otp/validate.ts), saved in one write with the rest of
// the edit, refused beside their field with nothing saved, and seen by sync's diff.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { codeFor, parseOtpUri } from '../../../../main/otp';
import type { Account } from '../../../../main/otp';
import { diffEntries } from '../../../../main/sync/diff';
import type { Entry } from '../../../../main/vault';
import { fakeApp } from '../../../fakes/app';

const GITHUB = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=GitHub';
const VPN = 'otpauth://hotp/VPN:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=VPN&counter=4';
const STEAM = 'otpauth://steam/Steam:gamer?secret=KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU&issuer=Steam';

const accountOf = (uri: string) => parseOtpUri(uri).account;

async function withAccount(uri: string) {
  const fake = await fakeApp();
  await fake.app.session.create();
  const { account } = await fake.app.adding.addUri(uri);
  const entries = () => fake.app.session.unlocked().entries.map((e) => ({ ...e }));
  const entry = () => entries().find((e) => e.id === account.id)!;
  return { ...fake, id: account.id, entries, entry };
}

describe('Accounts: code parameters', () => {
  it('previews the code new parameters give now, in main, and saves nothing', async () => {
    const { app, table, clock, id, entry, adapters } = await withAccount(GITHUB);
    const before = await readFile(adapters.vaultPath);
    const now = clock.now();
    const preview = app.accounts.preview(id, { digits: '8', algorithm: 'SHA256' }, now);
    const changed: Account = { ...accountOf(GITHUB), digits: 8, algorithm: 'SHA256' };
    expect(preview).toEqual({
      type: 'totp',
      algorithm: 'SHA256',
      digits: 8,
      period: 30,
      counter: 0,
      code: codeFor(changed, now / 1000),
      changed: true,
    });
    // As the window receives it: parameters and a code, never the secret.
    const sent = await table.invoke('previewCode', [id, { period: '60' }]);
    expect(sent).toMatchObject({ ok: true, value: { period: 60, changed: true } });
    expect(JSON.stringify(sent)).not.toContain(entry().secret);
    // Nothing given: the saved parameters, unchanged.
    expect(app.accounts.preview(id, {}, now)).toMatchObject({ digits: 6, changed: false });
    expect(await readFile(adapters.vaultPath)).toEqual(before);
  });

  it('saves new parameters with the other changes in one write; the list codes with them', async () => {
    const { app, clock, id, entry } = await withAccount(GITHUB);
    const revision = app.session.unlocked().revision;
    const view = await app.accounts.update(id, {
      name: 'alice-work',
      params: { digits: '8', algorithm: 'SHA512', period: '60' },
    });
    expect(view).toMatchObject({ name: 'alice-work', digits: 8, period: 60 });
    expect(entry()).toMatchObject({
      algorithm: 'SHA512',
      digits: 8,
      period: 60,
      name: 'alice-work',
    });
    expect(app.session.unlocked().revision).toBe(revision + 1);
    const expected = codeFor(
      { ...accountOf(GITHUB), digits: 8, algorithm: 'SHA512', period: 60 },
      clock.now() / 1000,
    );
    expect(app.codes.list().find((c) => c.id === id)?.code).toBe(expected);
  });

  it('refuses an invalid value beside its field, and saves nothing of the edit', async () => {
    const { app, clock, id, adapters } = await withAccount(GITHUB);
    const before = await readFile(adapters.vaultPath);
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ digits: '4' }, 'digits', /^Digits must be a whole number from 6 to 10, not "4"\.$/],
      [{ digits: '6.5' }, 'digits', /from 6 to 10/],
      [{ digits: '' }, 'digits', /from 6 to 10/],
      [{ period: '0' }, 'period', /from 1 to 86400/],
      [{ period: '90000' }, 'period', /from 1 to 86400/],
      [{ algorithm: 'MD5' }, 'algorithm', /supports SHA1, SHA256 and SHA512/],
    ];
    for (const [params, field, message] of cases) {
      await expect(app.accounts.update(id, { issuer: 'Changed', params })).rejects.toMatchObject({
        fields: { [field]: expect.stringMatching(message) },
      });
      expect(() => app.accounts.preview(id, params, clock.now())).toThrow(message);
    }
    expect(await readFile(adapters.vaultPath)).toEqual(before);
    expect((await app.getState()).accounts[0]).toMatchObject({ issuer: 'GitHub', digits: 6 });
  });

  it('HOTP: the counter is checked, previewed as the next code, saved, and a revealed code dropped', async () => {
    const { app, clock, id, entry } = await withAccount(VPN);
    const vpn = accountOf(VPN);
    await app.codes.nextHotp(id); // counter 4 shown; 5 stored
    expect(entry().counter).toBe(5);
    const preview = app.accounts.preview(id, { counter: '10' }, clock.now());
    expect(preview.code).toBe(codeFor({ ...vpn, counter: 10 }, 0));
    expect(entry().counter).toBe(5);
    for (const counter of ['', '-1', 'ten']) {
      await expect(app.accounts.update(id, { params: { counter } })).rejects.toMatchObject({
        fields: { counter: expect.stringMatching(/counter/) },
      });
    }
    // Only what was changed is written: the digits, not a counter read before the save.
    await app.accounts.update(id, { params: { digits: '8' } });
    expect(entry()).toMatchObject({ digits: 8, counter: 5 });
    await app.accounts.update(id, { params: { counter: '10' } });
    expect(entry().counter).toBe(10);
    // The code revealed under the old parameters is gone: the next one is counter 10's.
    expect(app.codes.list().find((c) => c.id === id)).toBeUndefined();
    expect((await app.codes.nextHotp(id)).code).toBe(
      codeFor({ ...vpn, digits: 8, counter: 10 }, 0),
    );
  });

  it('Steam: the period may change; algorithm and digits stay Steam’s', async () => {
    const { app, id, entry } = await withAccount(STEAM);
    await app.accounts.update(id, { params: { period: '60', digits: '8', algorithm: 'SHA256' } });
    expect(entry()).toMatchObject({ period: 60, digits: 5, algorithm: 'SHA1' });
  });

  it('sync sees the change: new parameters or a counter set back are a new otp record', async () => {
    const next = (() => {
      let n = 0;
      return () => `${String(1_800_000_000_000 + n++).padStart(13, '0')}:0000:${'a'.repeat(26)}`;
    })();
    const diff = (known: Entry[], local: Entry[]) =>
      diffEntries(known, local, () => undefined, next).filter((r) => r.f === 'otp');

    const totp = await withAccount(GITHUB);
    const known = totp.entries();
    await totp.app.accounts.update(totp.id, { params: { digits: '8' } });
    expect(diff(known, totp.entries())).toEqual([
      expect.objectContaining({ id: totp.id, v: expect.objectContaining({ digits: 8 }) }),
    ]);

    const hotp = await withAccount(VPN);
    const knownHotp = hotp.entries();
    await hotp.app.accounts.update(hotp.id, { params: { counter: '1' } });
    expect(diff(knownHotp, hotp.entries())).toEqual([
      expect.objectContaining({ id: hotp.id, v: expect.objectContaining({ counter: 1 }) }),
    ]);
  });
});
