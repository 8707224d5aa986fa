// Issue 15, defects 1 and 2: the picker's choice is tied to the picker the hotkey opened (a token,
// no hidden state), and only one typing runs at a time, never into TrayOTP's own window.
import { describe, expect, it } from 'vitest';
import { FOCUS_LOSS_MS } from '../../../../main/app/typing/focus-loss';
import { fakeApp } from '../../../fakes/app';

const GITHUB = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
const GITLAB = 'otpauth://totp/GitLab:alice?secret=KRSXG5CTMVRXEZLU&issuer=GitLab';

async function twoAccounts(title: string) {
  const fake = await fakeApp({ title });
  await fake.app.session.create();
  const github = (await fake.app.adding.addUri(GITHUB)).account;
  const gitlab = (await fake.app.adding.addUri(GITLAB)).account;
  return { ...fake, github, gitlab };
}

describe('the picker session', () => {
  it('a cancelled picker leaves nothing behind: a later "Type into page" remembers no title', async () => {
    const { app, shown, saved, typer, activeWindow, github } =
      await twoAccounts('Log in — Firefox');
    expect(await app.typing.typeCurrentCode()).toBe('picker');
    expect(shown.at(-1)).toMatchObject({ view: 'picker', pickerToken: expect.any(String) });
    // The person closes the picker. Later, in the Enrol view, they type a code into a page.
    activeWindow.current = 'Set up two-factor authentication — Firefox';
    expect(await app.typing.typeCode(github.id)).toEqual({ typed: true, copied: false });
    expect(typer.typed).toHaveLength(1);
    // Before issue 15 the stale picker title was remembered for this account (and used as the
    // focus target): the next "Log in" press would have typed GitHub's code without asking.
    expect([...saved()]).toEqual([]);
    activeWindow.current = 'Log in — Firefox';
    expect(await app.typing.typeCurrentCode()).toBe('picker');
  });

  it('the token brings the title back once; a used or unknown token is no title at all', async () => {
    const { app, shown, saved, github, gitlab } = await twoAccounts('Log in — Firefox');
    await app.typing.typeCurrentCode();
    const { pickerToken } = shown.at(-1)!;
    await app.typing.typeCode(github.id, pickerToken);
    expect([...saved()]).toEqual([[expect.stringContaining('log in'), github.id]]);
    // Used: the same token again (a replayed call) is no title, so GitLab is not remembered.
    await app.typing.typeCode(gitlab.id, pickerToken);
    expect([...saved()]).toEqual([[expect.stringContaining('log in'), github.id]]);
    const fresh = await twoAccounts('Sign in — Firefox');
    await fresh.app.typing.typeCode(fresh.github.id, 'not-a-picker');
    expect([...fresh.saved()]).toEqual([]);
  });

  it('a picker goes with the lock', async () => {
    const { app, shown, saved, github } = await twoAccounts('Log in — Firefox');
    await app.typing.typeCurrentCode();
    const { pickerToken } = shown.at(-1)!;
    await app.session.lock();
    await app.session.unlock();
    await app.typing.typeCode(github.id, pickerToken);
    expect([...saved()]).toEqual([]);
  });
});

describe('one typing at a time', () => {
  it('a second hotkey press while a fresh code is awaited is refused, and says so', async () => {
    const { app, clock, typer, notifier, github } = await twoAccounts('Sign in to GitHub · GitHub');
    // 1 s before the period ends: the first press waits for the next code.
    await clock.advance(30_000 - (clock.now() % 30_000) - 1_000);
    const first = app.typing.typeCurrentCode();
    await clock.advance(100);
    expect(await app.typing.typeCurrentCode()).toBe('busy');
    await expect(app.typing.typeCode(github.id)).rejects.toMatchObject({ code: 'typing-busy' });
    expect(notifier.notices.map((n) => n.title)).toEqual([
      'Already typing a code',
      'Already typing a code',
    ]);
    await clock.advance(1_000);
    expect(await first).toBe('typed');
    // Before issue 15 the second press typed a second code into the same field.
    expect(typer.typed).toHaveLength(1);
    // Once done, the hotkey works again.
    expect(await app.typing.typeCurrentCode()).toBe('typed');
    expect(typer.typed).toHaveLength(2);
  });

  it("never types into TrayOTP's own window: the code is copied and the person told", async () => {
    const { app, typer, clipboard, notifier, focusOurWindow, github, clock } = await twoAccounts(
      'Sign in to GitHub · GitHub',
    );
    focusOurWindow(true);
    // It waits (bounded: FOCUS_LOSS_MS) for the focus to leave our window, which never does.
    const typing = app.typing.typeCode(github.id);
    await clock.advance(FOCUS_LOSS_MS);
    expect(await typing).toEqual({ typed: false, copied: true });
    expect(typer.typed).toEqual([]);
    expect(clipboard.text).toMatch(/^\d{6}$/);
    expect(notifier.notices.at(-1)?.body).toMatch(/own window had the focus/);
  });
});
