// The Windows (SendInput) and macOS (CGEvent) typers, with fakes of the OS calls: what they
// send per character, the wait for the hotkey's modifiers, and every way typing is refused.
import { describe, expect, it } from 'vitest';
import { ACCESSIBILITY_HELP, createMacKeyTyper } from '../../../main/platform/macos/key-typer';
import type { Quartz } from '../../../main/platform/macos/key-typer';
import { typeUnicode } from '../../../main/platform/unicode-typer';
import { createWin32KeyTyper } from '../../../main/platform/win32/key-typer';
import type { User32 } from '../../../main/platform/win32/key-typer';

class FakeUser32 implements User32 {
  readonly sent: { scan: number; up: boolean }[][] = [];
  held = new Set<number>();
  /** SendInput accepts this many events per call (fewer: UIPI blocked them). */
  accepts = Infinity;
  sendKeyboardInput(events: { scan: number; up: boolean }[]) {
    this.sent.push(events);
    return Math.min(events.length, this.accepts);
  }
  keyDown(key: number) {
    return this.held.has(key);
  }
}

class FakeQuartz implements Quartz {
  trusted = true;
  flags = 0;
  readonly posted: number[][] = [];
  isTrusted() {
    return this.trusted;
  }
  modifierFlags() {
    return this.flags;
  }
  postCharacter(units: number[]) {
    this.posted.push(units);
    return true;
  }
}

describe('Windows: SendInput with KEYEVENTF_UNICODE', () => {
  it('sends a press and a release per character, as UTF-16 units', async () => {
    const user32 = new FakeUser32();
    expect(await createWin32KeyTyper(() => user32).type('12B')).toEqual({ typed: true });
    expect(user32.sent).toEqual(
      [0x31, 0x32, 0x42].map((scan) => [
        { scan, up: false },
        { scan, up: true },
      ]),
    );
  });

  it('a character beyond the BMP is its two surrogate units', async () => {
    const user32 = new FakeUser32();
    await createWin32KeyTyper(() => user32).type('😀');
    expect(user32.sent[0]!.map((e) => e.scan)).toEqual([0xd83d, 0xd83d, 0xde00, 0xde00]);
  });

  it('refused input (an elevated window) copies instead, and says why', async () => {
    const user32 = new FakeUser32();
    user32.accepts = 0;
    expect(await createWin32KeyTyper(() => user32).type('123456')).toMatchObject({
      typed: false,
      reason: 'failed',
      message: expect.stringMatching(/run as administrator/),
    });
  });

  it('no user32 at all: unavailable', async () => {
    const typer = createWin32KeyTyper(() => {
      throw new Error('not Windows');
    });
    expect(await typer.type('1')).toMatchObject({ typed: false, reason: 'unavailable' });
  });
});

describe('macOS: CGEvent with the Unicode string', () => {
  it('without the Accessibility permission, says where to allow it and posts nothing', async () => {
    const quartz = new FakeQuartz();
    quartz.trusted = false;
    expect(await createMacKeyTyper(() => quartz).type('123456')).toEqual({
      typed: false,
      reason: 'permission-denied',
      message: ACCESSIBILITY_HELP,
    });
    expect(quartz.posted).toEqual([]);
  });

  it('posts one event pair per character', async () => {
    const quartz = new FakeQuartz();
    expect(await createMacKeyTyper(() => quartz).type('27CBB')).toEqual({ typed: true });
    expect(quartz.posted).toEqual([[0x32], [0x37], [0x43], [0x42], [0x42]]);
  });
});

describe('the wait for the hotkey modifiers', () => {
  function clock() {
    let now = 0;
    return { now: () => now, sleep: async (ms: number) => void (now += ms) };
  }

  it('types once they are released', async () => {
    const time = clock();
    let checks = 0;
    const sent: string[] = [];
    const result = await typeUnicode(
      { modifiersHeld: () => ++checks < 5, sendCharacter: (c) => sent.push(c) > 0 },
      '42',
      { ...time, refusedMessage: '' },
    );
    expect(result).toEqual({ typed: true });
    expect(sent).toEqual(['4', '2']);
  });

  it('gives up after the timeout: digits would arrive as shortcuts', async () => {
    const time = clock();
    const sent: string[] = [];
    const result = await typeUnicode(
      { modifiersHeld: () => true, sendCharacter: (c) => sent.push(c) > 0 },
      '42',
      { ...time, releaseTimeoutMs: 1500, refusedMessage: '' },
    );
    expect(result).toMatchObject({ typed: false, reason: 'modifiers-held' });
    expect(sent).toEqual([]);
  });
});
