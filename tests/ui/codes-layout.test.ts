// The codes list at the window's real size: every row can be scrolled fully into view above the
// row's action bar (issue 25: the last account hid behind it), and Delete is not among the
// everyday actions of the bar.
import { describe, expect, it } from 'vitest';
import { useSession } from './support/session';

const uri = (issuer: string, secret: string) =>
  `otpauth://totp/${issuer}:alice?secret=${secret}&issuer=${issuer}`;
const SECRETS = [
  'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
  'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U',
  'ONSWG4TFORZWK3DMMVZXIZLSMVQWY3DP',
  'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU',
  'NBSWY3DPO5XXE3DEEBSWY3DPO5XXE3DE',
  'OBQXG43XN5ZGIMJSGM2DKNRXHA4TAMJS',
  'MNXW2ZLUNBUW4ZZAMJXXE2LOM4QGC3TE',
  'GAYTEMZUGU3DOOBZGAYTEMZUGU3DOOBZ',
  'IFBEGRCFIZDUQSKKJNGE2TSPKBIVEU2U',
];
const ACCOUNTS = SECRETS.map((secret, i) => uri(`Site${i + 1}`, secret));

describe('the codes list', () => {
  const session = useSession();

  it('the last row scrolls fully into view above the action bar', async () => {
    const { page } = await session.open({ accounts: ACCOUNTS });
    const last = page.getByRole('option', { name: /Site10/ });
    await page.getByRole('option').first().waitFor();
    await page.keyboard.press('End');
    await last.waitFor();
    await last.scrollIntoViewIfNeeded();
    const row = await last.boundingBox();
    const bar = await page.getByRole('toolbar').boundingBox();
    expect(row).not.toBeNull();
    expect(bar).not.toBeNull();
    expect(row!.y + row!.height).toBeLessThanOrEqual(bar!.y + 0.5);
  });
});
