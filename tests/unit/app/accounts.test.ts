// Managing accounts (main/app/accounts.ts): edits, deletion with undo, order.
import { describe, expect, it } from 'vitest';
import { fakeApp } from '../../fakes/app';

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
