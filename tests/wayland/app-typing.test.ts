// The app's hotkey flow with the REAL portal typer (main/platform/wayland-typer.ts over
// main/platform/wayland/) against Debian's real xdg-desktop-portal frontend on a private bus and
// the test backend that records every keysym (support/). The app is assembleApp with the unit
// tests' fakes for everything else (tests/fakes/app.ts): no window title, as on Wayland, so the
// hotkey opens the picker and the pick is typed. Skips, saying why, where the rig's tools are
// missing. Timings are printed for the report, never asserted.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { keysymOf } from '../../main/platform/wayland/keysyms';
import { createWaylandTyping } from '../../main/platform/wayland-typer';
import type { RestoreTokenFile } from '../../main/platform/wayland-typer';
import { fakeApp } from '../fakes/app';
import { skipWithout } from '../support/tools';
import { rigMissing, startBus, startRig } from './support/portal-rig';
import type { Rig } from './support/portal-rig';

const missingTools = skipWithout('dbus-daemon', 'xdg-desktop-portal');
const skipReason = missingTools ? 'dbus-daemon or xdg-desktop-portal missing' : rigMissing();
if (skipReason) console.warn(`skipping the app's portal typing tests: ${skipReason}`);

const GITHUB = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
const STEAM = 'otpauth://totp/Steam:alice?secret=KRSXG5CTMVRXEZLU&issuer=Steam&encoder=steam';
const SHIFT_L = 0xffe1;

class MemoryTokenFile implements RestoreTokenFile {
  token: string | undefined;
  restoreToken() {
    return this.token;
  }
  saveRestoreToken(token: string | undefined) {
    this.token = token;
  }
}

/** The app with the real portal typer on `address`; the rig's 1.16 frontend is version 1. */
async function portalApp(address: string) {
  const tokens = new MemoryTokenFile();
  const wayland = createWaylandTyping(tokens, {
    busAddress: address,
    // Debian 12's frontend offers RemoteDesktop version 1 (no restore token); the app's default
    // of 2 would copy there, which the last case below shows.
    minimumVersion: 1,
    callTimeoutMs: 5000,
    approvalTimeoutMs: 10_000,
  });
  const fake = await fakeApp({
    keyTyper: wayland.typer,
    desktopTyping: { mode: 'portal', permission: wayland.permission, hotkeyUnsure: true },
  });
  await fake.app.session.create();
  const github = (await fake.app.adding.addUri(GITHUB)).account;
  const steam = (await fake.app.adding.addUri(STEAM)).account;
  const codeOf = (id: string) =>
    fake.app.codes.list(fake.clock.now()).find((c) => c.id === id)!.code;
  return { ...fake, wayland, tokens, github, steam, codeOf };
}

/** The hotkey, then the pick in the picker it opened (the person chose at once). */
async function pressAndPick(fake: Awaited<ReturnType<typeof portalApp>>, id: string) {
  expect(await fake.app.typing.typeCurrentCode()).toBe('picker');
  const { pickerToken } = fake.shown.at(-1)!;
  return fake.app.typing.typeCode(id, pickerToken);
}

const presses = (rig: Rig) => rig.backend.keys.filter((k) => k.state === 1).map((k) => k.keysym);

describe.skipIf(Boolean(skipReason))('the hotkey typing through the real portal', () => {
  let rig: Rig;

  beforeAll(async () => {
    rig = await startRig();
  }, 60_000);
  afterAll(async () => {
    await rig?.stop();
  });
  afterEach(() => {
    rig.backend.answer = 'approve';
    rig.backend.closeAfterPresses = undefined;
    rig.backend.keys.length = 0;
    rig.backend.dialogs = 0;
  });

  it('a picker choice followed by typing: the code arrives as keysyms, each pressed and released', async () => {
    const fake = await portalApp(rig.address);
    const began = performance.now();
    const result = await pressAndPick(fake, fake.github.id);
    expect(result).toEqual({ typed: true, copied: false });
    const code = fake.codeOf(fake.github.id);
    await rig.backend.waitForKeys(2 + code.length * 2);
    const lastKey = rig.backend.keys.at(-1)!.at - began;
    expect(rig.backend.keys.map(({ keysym, state }) => ({ keysym, state }))).toEqual([
      { keysym: SHIFT_L, state: 1 },
      { keysym: SHIFT_L, state: 0 },
      ...[...code].flatMap((char) => [
        { keysym: keysymOf(char)!, state: 1 },
        { keysym: keysymOf(char)!, state: 0 },
      ]),
    ]);
    expect(rig.backend.dialogs).toBe(1);
    expect(fake.notifier.notices).toEqual([]);
    // The account is marked used, as after any typing.
    expect(fake.app.session.current!.entry(fake.github.id).lastUsedAt).toEqual(expect.any(Number));
    console.log(
      `hotkey → picker → pick → last key at the backend: ${Math.round(lastKey)} ms (new portal session, dialog answered at once)`,
    );
  });

  it('a Steam code picked in the picker arrives as its letters’ keysyms', async () => {
    const fake = await portalApp(rig.address);
    expect(await pressAndPick(fake, fake.steam.id)).toEqual({ typed: true, copied: false });
    const code = fake.codeOf(fake.steam.id);
    expect(code).toMatch(/^[2-9BCDFGHJKMNPQRTVWXY]{5}$/);
    await rig.backend.waitForKeys(2 + code.length * 2);
    expect(presses(rig)).toEqual([SHIFT_L, ...[...code].map((c) => c.charCodeAt(0))]);
  });

  it('a refused dialog types nothing, copies the code and says why in one notice', async () => {
    rig.backend.answer = 'refuse';
    const fake = await portalApp(rig.address);
    expect(await pressAndPick(fake, fake.github.id)).toEqual({ typed: false, copied: true });
    expect(rig.backend.keys).toEqual([]);
    expect(fake.clipboard.text).toBe(fake.codeOf(fake.github.id));
    expect(fake.notifier.notices).toHaveLength(1);
    expect(fake.notifier.notices[0]).toEqual({
      title: 'Code copied instead of typed',
      body: expect.stringMatching(
        /^The desktop did not allow TrayOTP to type .* The code for GitHub \(alice\) is on the clipboard/,
      ),
    });
    expect(fake.app.desktopTyping.status().allowed).toBe(false);
  });

  it('the compositor closing the session part-way: one notice says how many characters went out', async () => {
    // The lone Shift, then three digits; then the "compositor" closes the session.
    rig.backend.closeAfterPresses = 4;
    const fake = await portalApp(rig.address);
    expect(await pressAndPick(fake, fake.github.id)).toEqual({ typed: false, copied: true });
    expect(fake.clipboard.text).toBe(fake.codeOf(fake.github.id));
    expect(fake.notifier.notices).toHaveLength(1);
    const [notice] = fake.notifier.notices;
    expect(notice!.title).toBe('Typing stopped part-way');
    expect(notice!.body).toMatch(
      /^Typed [23] of 6 characters, then: The desktop closed the typing session\. The code for GitHub \(alice\) is on the clipboard; clear the field and paste it\.$/,
    );
  });

  it('with the app’s default (version 2 or later), a version-1 portal copies and says why', async (ctx) => {
    const tokens = new MemoryTokenFile();
    const wayland = createWaylandTyping(tokens, { busAddress: rig.address, callTimeoutMs: 5000 });
    const first = await wayland.portal.typeText('1');
    if (first.ok) {
      console.warn('skipping: this frontend offers RemoteDesktop version 2 or later');
      ctx.skip();
    }
    rig.backend.keys.length = 0;
    const fake = await fakeApp({ keyTyper: wayland.typer });
    await fake.app.session.create();
    const { account } = await fake.app.adding.addUri(GITHUB);
    expect(await pressAndPick(fake as never, account.id)).toEqual({ typed: false, copied: true });
    expect(rig.backend.dialogs).toBe(0);
    expect(rig.backend.keys).toEqual([]);
    expect(fake.notifier.notices).toHaveLength(1);
    expect(fake.notifier.notices[0]!.body).toMatch(/version 1, which cannot remember an approval/);
  });
});

describe.skipIf(Boolean(skipReason))('the hotkey where the desktop has no portal', () => {
  it('copies, and says so in one notice', async () => {
    const bus = await startBus(false);
    try {
      const fake = await portalApp(bus.address);
      expect(await pressAndPick(fake, fake.github.id)).toEqual({ typed: false, copied: true });
      expect(fake.clipboard.text).toBe(fake.codeOf(fake.github.id));
      expect(fake.notifier.notices).toHaveLength(1);
      expect(fake.notifier.notices[0]!.body).toMatch(/no remote-desktop portal/);
    } finally {
      await bus.stop();
    }
  });
});
