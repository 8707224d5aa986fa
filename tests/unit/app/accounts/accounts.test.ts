// Managing accounts (main/app/accounts/accounts.ts): edits, deletion with undo, order.
import { describe, expect, it } from 'vitest';
import { fakeApp } from '../../../fakes/app';

const GITHUB = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
const BANK =
  'otpauth://hotp/Bank:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Bank&counter=0';

describe('Accounts', () => {
  it('edit, delete with undo, reorder, pinned first', async () => {
    const { app, clock } = await fakeApp();
    await app.session.create();
    const a = (await app.adding.addUri(GITHUB)).account;
    const b = (await app.adding.addUri(BANK)).account;
    await app.accounts.update(b.id, { pinned: true, tags: [' work ', 'work', ''] });
    expect((await app.getState()).accounts.map((x) => [x.issuer, x.pinned, x.tags])).toEqual([
      ['Bank', true, ['work']],
      ['GitHub', false, []],
    ]);
    const { undoToken } = await app.accounts.remove(a.id);
    expect((await app.getState()).accounts).toHaveLength(1);
    await app.accounts.undoRemove(undoToken);
    expect((await app.getState()).accounts.map((x) => x.id)).toContain(a.id);
    const { undoToken: late } = await app.accounts.remove(a.id);
    await clock.advance(10_001);
    await expect(app.accounts.undoRemove(late)).rejects.toMatchObject({ code: 'undo-expired' });
  });
});

describe('Accounts: sites an account is bound to', () => {
  it('keeps hostnames (a pasted login URL gives its host); refuses what is not a site', async () => {
    const { app, adapters } = await fakeApp();
    await app.session.create();
    const { account } = await app.adding.addUri(
      'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub',
    );
    const view = await app.accounts.update(account.id, {
      domains: ['GitHub.com', 'https://github.com/login?return_to=x', ' gist.github.com ', ''],
    });
    expect(view.domains).toEqual(['github.com', 'gist.github.com']);
    const { readFile } = await import('node:fs/promises');
    const before = await readFile(adapters.vaultPath);
    // localhost may be bound now (issue 23: loopback is this computer); a bare suffix may not.
    for (const bad of ['192.168.1.1', '*.co.uk', 'not a site']) {
      await expect(app.accounts.update(account.id, { domains: [bad] })).rejects.toMatchObject({
        code: 'bad-domain',
        fields: { domains: expect.stringContaining('write it like github.com') },
      });
    }
    expect(await readFile(adapters.vaultPath)).toEqual(before);
    expect((await app.getState()).accounts[0]!.domains).toEqual(['github.com', 'gist.github.com']);
  });
});
