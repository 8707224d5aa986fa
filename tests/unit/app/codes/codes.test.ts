// Codes handed out (main/app/codes/codes.ts): the window's list, copies, and HOTP codes revealed only on
// request, on the real vault and OTP engine.
import { describe, expect, it } from 'vitest';
import { fakeApp, T0 } from '../../../fakes/app';
import { codeFor } from '../../../../main/otp';

const GITHUB = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
const BANK =
  'otpauth://hotp/Bank:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Bank&counter=0';
const SECRETS = ['JBSWY3DPEHPK3PXP', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'];

describe('Codes', () => {
  it('first run: no vault, then a keychain-protected vault that adds, shows and copies codes', async () => {
    const { app, clipboard, clock, events } = await fakeApp();
    expect(await app.getState()).toMatchObject({
      vault: 'none',
      keychain: { available: true, weak: false, backend: 'gnome_libsecret' },
      accounts: [],
    });
    await app.session.create();
    const added = await app.adding.addUri(GITHUB);
    expect(added.account).toMatchObject({ issuer: 'GitHub', name: 'alice', type: 'totp' });

    const [code] = app.codes.list();
    const expected = codeFor(
      {
        type: 'totp',
        issuer: 'GitHub',
        name: 'alice',
        secret: SECRETS[0]!,
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
      },
      T0 / 1000,
    );
    expect(code).toMatchObject({ id: added.account.id, code: expected, next: null });
    expect(code!.validUntil! - code!.validFrom).toBe(30_000);

    expect(await app.codes.copy(added.account.id)).toEqual({ clearsInSeconds: 20 });
    expect(clipboard.text).toBe(expected);
    await clock.advance(20_000);
    expect(clipboard.text).toBe('');

    // In the last 5 seconds the next code comes along.
    const late = app.codes.list(T0 + 16_000)[0]!;
    expect(late.next).toBe(
      codeFor(
        {
          type: 'totp',
          issuer: '',
          name: '',
          secret: SECRETS[0]!,
          algorithm: 'SHA1',
          digits: 6,
          period: 30,
          counter: 0,
        },
        T0 / 1000 + 30,
      ),
    );
    expect(JSON.stringify(events)).not.toMatch(new RegExp(SECRETS.join('|')));
  });

  it('HOTP: a code is revealed (and the counter saved) only on request; New code advances', async () => {
    const { app, clipboard } = await fakeApp();
    await app.session.create();
    const { account } = await app.adding.addUri(BANK);
    expect(app.codes.list()).toEqual([]);
    const first = await app.codes.nextHotp(account.id);
    expect(first.code).toBe('755224'); // RFC 4226 counter 0
    expect((await app.codes.nextHotp(account.id)).code).toBe('287082'); // "New code": counter 1
    await app.codes.copy(account.id);
    expect(clipboard.text).toBe('287082'); // copying takes the code on screen
    expect(app.codes.list()[0]!.code).toBe('287082');
  });
});
