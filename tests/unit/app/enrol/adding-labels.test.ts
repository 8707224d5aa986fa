// Labels that reach the window or a notification inside a sentence are shown, never obeyed: an
// old vault entry (saved before labels were cleaned at the gate) with a bidi override or a line
// break does not reorder or split the message that names it.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseOtpUri } from '../../../../main/otp';
import { newEntry, Vault } from '../../../../main/vault';
import { CHEAP_KDF, T0, fakeApp } from '../../../fakes/app';

const GITHUB = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';

describe('Adding: labels in messages', () => {
  it('the duplicate message names an old entry without its control characters', async () => {
    const { app, adapters, clock } = await fakeApp();
    const account = { ...parseOtpUri(GITHUB).account, issuer: 'Evil\u202eCorp\nline two' };
    const vault = await Vault.create(adapters.vaultPath, {
      clock,
      passphrase: 'pass words',
      entries: [newEntry(account, randomUUID(), T0, { sortOrder: 0 })],
      ...CHEAP_KDF,
    });
    vault.lock();
    await app.session.unlock('pass words');
    await expect(app.adding.addUri(GITHUB)).rejects.toMatchObject({
      code: 'duplicate',
      message: 'This account is already in TrayOTP as EvilCorp line two.',
    });
  });
});
