// The Edit view's Sites field: the sites an account is bound to (the hotkey and the browser
// extension use them), saved as hostnames, with a bad one refused beside the field.
import { describe, expect, it } from 'vitest';
import { axeViolations } from './support/harness';
import { eventually, useSession } from './support/session';

const GITHUB = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=GitHub';

describe('the Sites field', () => {
  const session = useSession();

  it('binds the account to the sites typed; a bad one is said beside the field', async () => {
    const { page, main, errors } = await session.open({ accounts: [GITHUB] });
    await page.getByRole('option').first().waitFor();
    await page.getByRole('toolbar').getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Sites').fill('localhost');
    await page.getByRole('button', { name: 'Save' }).click();
    await page
      .getByText(/is not a site address TrayOTP can bind to/)
      .first()
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Sites').fill('https://github.com/login, gist.github.com');
    await page.getByRole('button', { name: 'Save' }).click();
    await eventually(() =>
      expect(main.state().accounts[0]!.domains).toEqual(['github.com', 'gist.github.com']),
    );
    expect(errors).toEqual([]);
  });
});
