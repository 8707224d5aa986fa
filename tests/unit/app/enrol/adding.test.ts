// Adding accounts by link or by hand (main/app/enrol/adding.ts).
import { describe, expect, it } from 'vitest';
import { fakeApp } from '../../../fakes/app';

const GITHUB = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';

describe('Adding', () => {
  it('add by hand reports the field that is wrong; duplicates are refused', async () => {
    const { app } = await fakeApp();
    await app.session.create();
    const form = {
      type: 'totp' as const,
      issuer: 'X',
      name: 'y',
      secret: 'JBSW1',
      algorithm: 'SHA1' as const,
      digits: 6,
      period: 30,
      counter: 0,
    };
    await expect(app.adding.addManual(form)).rejects.toMatchObject({
      code: 'invalid-secret',
      fields: {
        secret:
          'The secret can only contain the letters A–Z and the digits 2–7; “1” is not one of them. Is it the letter I or L?',
      },
    });
    await expect(
      app.adding.addManual({ ...form, secret: 'JBSWY3DPEHPK3PXP', digits: 12 }),
    ).rejects.toMatchObject({
      fields: { digits: expect.stringMatching(/6 to 10/) },
    });
    await expect(
      app.adding.addManual({ ...form, secret: 'JBSWY3DPEHPK3PXP', issuer: '', name: ' ' }),
    ).rejects.toMatchObject({
      code: 'missing-label',
    });
    await app.adding.addManual({ ...form, secret: 'jbsw y3dp ehpk 3pxp' });
    await expect(app.adding.addUri(GITHUB)).rejects.toMatchObject({ code: 'duplicate' });
  });
});
