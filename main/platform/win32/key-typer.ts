// Windows: keystrokes through user32's SendInput with KEYEVENTF_UNICODE (the character itself,
// whatever the keyboard layout), called through koffi. Windows refuses input into windows of a
// higher integrity level (an elevated app): SendInput then sends fewer events than asked, and
// the code is copied instead.
import koffi from 'koffi';
import type { KeyTyper } from '../../app/ports/key-typer';
import { typeUnicode } from '../unicode-typer';
import type { UnicodeInput } from '../unicode-typer';

const INPUT_KEYBOARD = 1;
const KEYEVENTF_KEYUP = 0x0002;
const KEYEVENTF_UNICODE = 0x0004;
/** VK_SHIFT, VK_CONTROL, VK_MENU (Alt), VK_LWIN, VK_RWIN. */
const MODIFIER_KEYS = [0x10, 0x11, 0x12, 0x5b, 0x5c];

/** The two user32 calls, as plain functions (koffi in the app, a fake in tests). */
export interface User32 {
  /** SendInput for keyboard events given as [scan code (UTF-16 unit), key up]; returns events sent. */
  sendKeyboardInput(events: { scan: number; up: boolean }[]): number;
  /** Whether GetAsyncKeyState reports the virtual key as down. */
  keyDown(virtualKey: number): boolean;
}

export function user32Input(user32: User32): UnicodeInput {
  return {
    modifiersHeld: () => MODIFIER_KEYS.some((key) => user32.keyDown(key)),
    sendCharacter(char) {
      // A character beyond the BMP is two UTF-16 units, each sent as its own key event.
      const units = [...char].flatMap((c) =>
        Array.from({ length: c.length }, (_, i) => c.charCodeAt(i)),
      );
      const events = units.flatMap((scan) => [
        { scan, up: false },
        { scan, up: true },
      ]);
      return user32.sendKeyboardInput(events) === events.length;
    },
  };
}

export function createWin32KeyTyper(load: () => User32 = loadUser32): KeyTyper {
  let user32: User32 | undefined;
  return {
    async type(text) {
      try {
        user32 ??= load();
      } catch (error) {
        return {
          typed: false,
          reason: 'unavailable',
          message: `Windows' input functions could not be loaded: ${(error as Error).message}`,
        };
      }
      return typeUnicode(user32Input(user32), text, {
        refusedMessage:
          'Windows did not accept the keystrokes (the focused app may run as administrator); the code was copied instead.',
      });
    },
  };
}

/** The koffi binding of user32.dll (INPUT is 40 bytes on x64: a DWORD type and a union). */
function loadUser32(): User32 {
  const lib = koffi.load('user32.dll');
  const KEYBDINPUT = koffi.struct('KEYBDINPUT', {
    wVk: 'uint16',
    wScan: 'uint16',
    dwFlags: 'uint32',
    time: 'uint32',
    dwExtraInfo: 'uintptr_t',
  });
  const MOUSEINPUT = koffi.struct('MOUSEINPUT', {
    dx: 'long',
    dy: 'long',
    mouseData: 'uint32',
    dwFlags: 'uint32',
    time: 'uint32',
    dwExtraInfo: 'uintptr_t',
  });
  const INPUT = koffi.struct('INPUT', {
    type: 'uint32',
    u: koffi.union('INPUT_UNION', { mi: MOUSEINPUT, ki: KEYBDINPUT }),
  });
  const SendInput = lib.func(
    'uint32 __stdcall SendInput(uint32 cInputs, INPUT *pInputs, int cbSize)',
  );
  const GetAsyncKeyState = lib.func('int16 __stdcall GetAsyncKeyState(int vKey)');
  return {
    sendKeyboardInput(events) {
      const inputs = events.map(({ scan, up }) => ({
        type: INPUT_KEYBOARD,
        u: {
          ki: {
            wVk: 0,
            wScan: scan,
            dwFlags: KEYEVENTF_UNICODE | (up ? KEYEVENTF_KEYUP : 0),
            time: 0,
            dwExtraInfo: 0,
          },
        },
      }));
      return SendInput(inputs.length, inputs, koffi.sizeof(INPUT)) as number;
    },
    keyDown: (key) => ((GetAsyncKeyState(key) as number) & 0x8000) !== 0,
  };
}
