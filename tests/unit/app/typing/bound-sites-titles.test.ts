// The hotkey's title match (other programs, or no browser paired) uses the sites an account is
// bound to; since issue 23 a binding may read "*.hostco.com" (the site and its subdomains), and
// the title match must find hostco.com in a title from it as it did from "hostco.com".
import { describe, expect, it } from 'vitest';
import { fakeApp } from '../../../fakes/app';

const ACME = 'otpauth://totp/Acme:alice?secret=JBSWY3DPEHPK3PXP&issuer=Acme';
const OTHER = 'otpauth://totp/Other:bob?secret=KRSXG5CTMVRXEZLUKRSXG5CT&issuer=Other';

describe('bound sites in the title match', () => {
  it.each([['*.hostco.com'], ['panel.hostco.com']])(
    'an account bound to %s is picked by a title naming panel.hostco.com',
    async (binding) => {
      const { app, typer } = await fakeApp({ title: 'Sign in — panel.hostco.com' });
      await app.session.create();
      const { account } = await app.adding.addUri(ACME);
      await app.adding.addUri(OTHER);
      await app.session.current!.update(account.id, { domains: [binding] });
      expect(await app.typing.typeCurrentCode()).toBe('typed');
      expect(typer.typed).toHaveLength(1);
      await app.shutdown();
    },
  );
});
