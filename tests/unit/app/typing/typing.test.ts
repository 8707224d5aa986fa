// The type-code hotkey and the picker (main/app/typing/typing.ts), with a fake typer and focused
// window.
import { describe, expect, it } from 'vitest';
import { fakeApp } from '../../../fakes/app';

const GITHUB = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';

describe('Typing', () => {
  it('the type-code hotkey types the account of the focused window, else opens the picker and remembers', async () => {
    const { app, typer, activeWindow, shown, clock, saved, adapters, hidden } = await fakeApp({
      title: 'Sign in to GitHub · GitHub — Mozilla Firefox',
    });
    expect(await app.typing.typeCurrentCode()).toBe('locked');
    await app.session.create();
    expect(await app.typing.typeCurrentCode()).toBe('no-accounts');
    const github = (await app.adding.addUri(GITHUB)).account;
    await app.adding.addUri('otpauth://totp/GitLab:alice?secret=KRSXG5CTMVRXEZLU&issuer=GitLab');
    expect(await app.typing.typeCurrentCode()).toBe('typed');
    expect(typer.typed.map((t) => t.text)).toEqual([
      app.codes.list(clock.now()).find((c) => c.id === github.id)!.code,
    ]);
    activeWindow.current = 'Log in — Mozilla Firefox';
    expect(await app.typing.typeCurrentCode()).toBe('picker');
    expect(shown.at(-1)!.view).toBe('picker');
    // Picked in the (showing) picker: the window goes first, and the keys follow once it is gone.
    let visible = true;
    adapters.window.isVisible = () => visible;
    adapters.window.hide = () => {
      hidden.push(clock.now());
      visible = false;
    };
    const picked = app.typing.typeCode(github.id, shown.at(-1)!.pickerToken);
    await clock.advance(1000);
    await picked;
    expect(typer.typed.at(-1)!.at - hidden.at(-1)!).toBe(150);
    // Picked once for this title: the next press types it straight away, after a restart too.
    expect(await app.typing.typeCurrentCode()).toBe('typed');
    expect(typer.typed).toHaveLength(3);
    expect([...saved()]).toEqual([[expect.stringContaining('log in'), github.id]]);
  });
});

describe('Typing with bound domains', () => {
  it('an account bound to a site is typed on a title naming that site, not its issuer', async () => {
    const { app, typer, activeWindow } = await fakeApp({ title: 'Sign in — panel.hostco.com' });
    await app.session.create();
    const { account } = await app.adding.addUri(
      'otpauth://totp/Acme%20Hosting:ops?secret=JBSWY3DPEHPK3PXP&issuer=Acme%20Hosting',
    );
    await app.adding.addUri('otpauth://totp/Other:ops?secret=KRSXG5CTMVRXEZLU&issuer=Other');
    expect(await app.typing.typeCurrentCode()).toBe('picker');
    await app.session.current!.update(account.id, { domains: ['hostco.com'] });
    activeWindow.current = 'Sign in — panel.hostco.com';
    expect(await app.typing.typeCurrentCode()).toBe('typed');
    expect(typer.typed).toHaveLength(1);
  });
});
