// The hotkey where no window title can be read (Wayland, issue 27): the picker opens, keyboard-
// first, on the last choice; after the pick TrayOTP hides and waits (bounded) until its window
// has lost the focus, then types; every failure copies and says why in ONE notice, a partial
// typing with how many characters went out. Settings → Typing and Forget.
import { describe, expect, it } from 'vitest';
import { fakeApp } from '../../../fakes/app';
import type { FakeApp } from '../../../fakes/app';
import { FOCUS_LOSS_MS } from '../../../../main/app/typing/focus-loss';
import type { TypeResult } from '../../../../main/app/ports/key-typer';

const GITHUB = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
const GITLAB = 'otpauth://totp/GitLab:alice?secret=KRSXG5CTMVRXEZLU&issuer=GitLab';

async function untitled(options: Parameters<typeof fakeApp>[0] = {}) {
  // No title option: the focused window's title cannot be read, as on Wayland.
  const fake = await fakeApp(options);
  await fake.app.session.create();
  const github = (await fake.app.adding.addUri(GITHUB)).account;
  const gitlab = (await fake.app.adding.addUri(GITLAB)).account;
  return { ...fake, github, gitlab };
}

const codeOf = (fake: FakeApp, id: string) =>
  fake.app.codes.list(fake.clock.now()).find((c) => c.id === id)!.code;

/** Presses the hotkey, then picks `id` in the picker it opened, with our window focused. */
async function pressAndPick(fake: FakeApp, id: string, focusLeavesAfterMs: number | undefined) {
  expect(await fake.app.typing.typeCurrentCode()).toBe('picker');
  const { pickerToken } = fake.shown.at(-1)!;
  fake.focusOurWindow(true);
  if (focusLeavesAfterMs !== undefined) {
    fake.clock.setTimeout(() => fake.focusOurWindow(false), focusLeavesAfterMs);
  }
  const picked = fake.app.typing.typeCode(id, pickerToken);
  await fake.clock.advance(FOCUS_LOSS_MS + 1000);
  return picked;
}

describe('the hotkey without a window title', () => {
  it('opens the picker even for one account: nothing says which program the press was for', async () => {
    const fake = await fakeApp();
    await fake.app.session.create();
    await fake.app.adding.addUri(GITHUB);
    expect(await fake.app.typing.typeCurrentCode()).toBe('picker');
    expect(fake.shown.at(-1)).toMatchObject({ view: 'picker', pickerToken: expect.any(String) });
    expect(fake.typer.typed).toEqual([]);
  });

  it('picker → hide → focus lost → type: the keys wait until our window has lost the focus', async () => {
    const fake = await untitled();
    const began = fake.clock.now();
    const result = await pressAndPick(fake, fake.gitlab.id, 400);
    expect(result).toEqual({ typed: true, copied: false });
    expect(fake.hidden.at(-1)).toBe(began);
    expect(fake.typer.typed).toHaveLength(1);
    const typedAt = fake.typer.typed[0]!.at;
    // Not before the focus left (400 ms), and no later than one poll after it.
    expect(typedAt - began).toBeGreaterThanOrEqual(400);
    expect(typedAt - began).toBeLessThanOrEqual(425);
    expect(fake.typer.typed[0]!.text).toBe(codeOf(fake, fake.gitlab.id));
    expect(fake.notifier.notices).toEqual([]);
  });

  it('a focus that never leaves copies instead, says so once, and types nothing', async () => {
    const fake = await untitled();
    const began = fake.clock.now();
    const result = await pressAndPick(fake, fake.github.id, undefined);
    expect(result).toEqual({ typed: false, copied: true });
    expect(fake.typer.typed).toEqual([]);
    expect(fake.clipboard.text).toBe(codeOf(fake, fake.github.id));
    expect(fake.notifier.notices).toHaveLength(1);
    expect(fake.notifier.notices[0]!.body).toMatch(/own window had the focus/);
    // It waited the whole bound before giving up.
    expect(fake.clock.now() - began).toBeGreaterThanOrEqual(FOCUS_LOSS_MS);
  });

  it('the picker opens on the last choice next time', async () => {
    const fake = await untitled();
    expect(await fake.app.typing.typeCurrentCode()).toBe('picker');
    // First press: the first candidate (GitHub sorts before GitLab).
    expect(fake.shown.at(-1)!.accountId).toBe(fake.github.id);
    fake.focusOurWindow(false);
    await fake.app.typing.typeCode(fake.gitlab.id, fake.shown.at(-1)!.pickerToken);
    expect(await fake.app.typing.typeCurrentCode()).toBe('picker');
    expect(fake.shown.at(-1)!.accountId).toBe(fake.gitlab.id);
    // Nothing is remembered under a title that was never read.
    expect([...fake.saved()]).toEqual([]);
  });
});

describe('every failure copies and says why in one notice', () => {
  const failures: [string, TypeResult, RegExp, RegExp][] = [
    [
      'a refused dialog',
      {
        typed: false,
        reason: 'permission-denied',
        message: 'The desktop did not allow TrayOTP to type.',
      },
      /Code copied instead of typed/,
      /did not allow TrayOTP to type\. The code for GitLab \(alice\) is on the clipboard/,
    ],
    [
      'a missing portal',
      { typed: false, reason: 'unavailable', message: 'This desktop offers no way to type.' },
      /Code copied instead of typed/,
      /no way to type/,
    ],
    [
      'a timeout',
      { typed: false, reason: 'failed', message: 'The desktop did not answer in time.' },
      /Code copied instead of typed/,
      /did not answer in time/,
    ],
    [
      'an unsupported character',
      { typed: false, reason: 'unsupported-character', message: 'The character "é" has no key.' },
      /Code copied instead of typed/,
      /has no key/,
    ],
    [
      'a session the compositor closed after 3 of 6 characters',
      {
        typed: false,
        reason: 'failed',
        message: 'The desktop closed the typing session.',
        typedChars: 3,
        total: 6,
      },
      /Typing stopped part-way/,
      /^Typed 3 of 6 characters, then: The desktop closed the typing session\. The code for GitLab \(alice\) is on the clipboard; clear the field and paste it\.$/,
    ],
  ];
  for (const [name, result, title, body] of failures) {
    it(name, async () => {
      const fake = await untitled();
      fake.typer.result = result;
      expect(await pressAndPick(fake, fake.gitlab.id, 100)).toEqual({
        typed: false,
        copied: true,
      });
      expect(fake.clipboard.text).toBe(codeOf(fake, fake.gitlab.id));
      expect(fake.notifier.notices).toHaveLength(1);
      const [notice] = fake.notifier.notices;
      expect(notice!.title).toMatch(title);
      expect(notice!.body).toMatch(body);
      // The notice never holds the code (notification centres keep a history).
      expect(notice!.body).not.toContain(codeOf(fake, fake.gitlab.id));
    });
  }
});

describe('Settings → Typing', () => {
  it('shows the kept approval, and Forget drops it through the IPC table', async () => {
    let token: string | undefined = '0b6f3c1e-2a4d-4c8e-9f10-5d7a8b9c0d1e';
    const fake = await fakeApp({
      desktopTyping: {
        mode: 'portal',
        hotkeyUnsure: true,
        typeCodeCommand: '/opt/TrayOTP/trayotp --type-code',
        permission: {
          kept: () => token !== undefined,
          forget: async () => void (token = undefined),
        },
      },
    });
    expect(await fake.table.invoke('desktopTyping', [])).toEqual({
      ok: true,
      value: {
        mode: 'portal',
        note: null,
        allowed: true,
        shortcutCommand: '/opt/TrayOTP/trayotp --type-code',
      },
    });
    expect(await fake.table.invoke('desktopTypingForget', [])).toMatchObject({
      ok: true,
      value: { allowed: false },
    });
    expect(token).toBeUndefined();
    // A bad argument list is refused before the service runs.
    await expect(fake.table.invoke('desktopTypingForget', [true])).rejects.toThrow(
      /invalid arguments/,
    );
  });

  it('where keys are typed directly, the command shows only when the hotkey failed to register', async () => {
    const fake = await fakeApp();
    await fake.app.start();
    expect(fake.app.desktopTyping.status()).toEqual({
      mode: 'keys',
      note: null,
      allowed: false,
      shortcutCommand: null,
    });
    fake.shortcuts.takenElsewhere.add('CommandOrControl+Alt+O');
    fake.app.hotkeys.apply((await fake.app.getState()).settings.hotkeys);
    expect(fake.app.desktopTyping.status().shortcutCommand).toBe('trayotp --type-code');
  });
});
