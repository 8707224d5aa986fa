// KeyTyper for X11: synthetic key presses through the XTest extension, one press and release per
// character (so forms with one box per digit, which move focus on each input, fill too).
// Works on Xorg and Xvfb, and in XWayland only for XWayland windows: on a Wayland session
// (WAYLAND_DISPLAY set) keystrokes would not reach native Wayland apps, so it reports
// 'unavailable' there and the use case falls back to the clipboard.
import type { KeyTyper, TypeResult } from '../../app/ports/key-typer';
import { MODIFIER_KEYSYMS, XK_SHIFT_L, openXlib } from './xlib';
import type { DisplayHandle, Xlib } from './xlib';

export interface X11KeyTyperOptions {
  /** X display name; default: $DISPLAY. */
  display?: string;
  /** Pause between characters, so the focused app handles each before the next (ms). */
  keyDelayMs?: number;
  /** How long to wait for the user to let go of the hotkey's modifiers before giving up (ms). */
  releaseTimeoutMs?: number;
  /** Environment to read DISPLAY / WAYLAND_DISPLAY from (tests pass their own). */
  env?: NodeJS.ProcessEnv;
  /** Loads the Xlib binding (tests of the failure paths pass a throwing one). */
  load?: () => Xlib;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface KeyStroke {
  keycode: number;
  shift: boolean;
}

/** The keysym X uses for a printable Latin-1 character (keysym = code point there). */
function keysymOf(char: string): number | undefined {
  const code = char.codePointAt(0);
  if (code === undefined) return undefined;
  if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff)) return code;
  return undefined;
}

function strokeFor(xlib: Xlib, display: DisplayHandle, char: string): KeyStroke | undefined {
  const keysym = keysymOf(char);
  if (keysym === undefined) return undefined;
  const keycode = xlib.keysymToKeycode(display, keysym);
  if (keycode === 0) return undefined;
  if (xlib.keycodeToKeysym(display, keycode, 0) === keysym) return { keycode, shift: false };
  if (xlib.keycodeToKeysym(display, keycode, 1) === keysym) return { keycode, shift: true };
  return undefined;
}

function modifierHeld(xlib: Xlib, display: DisplayHandle, modifierKeycodes: number[]): boolean {
  const keys = xlib.keysDown(display);
  return modifierKeycodes.some((code) => ((keys[code >> 3] ?? 0) & (1 << (code & 7))) !== 0);
}

export function createX11KeyTyper(options: X11KeyTyperOptions = {}): KeyTyper {
  const env = options.env ?? process.env;
  const keyDelayMs = options.keyDelayMs ?? 12;
  const releaseTimeoutMs = options.releaseTimeoutMs ?? 1500;

  return {
    async type(text: string): Promise<TypeResult> {
      const displayName = options.display ?? env.DISPLAY;
      if (env.WAYLAND_DISPLAY && !options.display) {
        return {
          typed: false,
          reason: 'unavailable',
          message:
            'Typing into other apps is not possible in a Wayland session without a remote-desktop portal; the code was copied instead.',
        };
      }
      if (!displayName) {
        return {
          typed: false,
          reason: 'unavailable',
          message: 'There is no X display (DISPLAY is not set), so keystrokes cannot be sent.',
        };
      }
      let xlib: Xlib;
      try {
        xlib = (options.load ?? openXlib)();
      } catch (error) {
        return {
          typed: false,
          reason: 'unavailable',
          message: `The X11 libraries (libX11, libXtst) could not be loaded: ${(error as Error).message}`,
        };
      }
      const display = xlib.openDisplay(displayName);
      if (!display) {
        return {
          typed: false,
          reason: 'unavailable',
          message: `The X display ${displayName} could not be opened.`,
        };
      }
      try {
        if (!xlib.hasXTest(display)) {
          return {
            typed: false,
            reason: 'unavailable',
            message: `The X display ${displayName} has no XTest extension, so keystrokes cannot be sent.`,
          };
        }
        const strokes: KeyStroke[] = [];
        for (const char of text) {
          const stroke = strokeFor(xlib, display, char);
          if (!stroke) {
            return {
              typed: false,
              reason: 'unsupported-character',
              message: `The character "${char}" has no key on the current keyboard layout.`,
            };
          }
          strokes.push(stroke);
        }
        const shiftKeycode = xlib.keysymToKeycode(display, XK_SHIFT_L);
        if (strokes.some((s) => s.shift) && shiftKeycode === 0) {
          return {
            typed: false,
            reason: 'unsupported-character',
            message: 'The keyboard layout has no Shift key for the capital letters of this code.',
          };
        }

        // The hotkey that started this (e.g. Ctrl+Alt+O) may still be held: digits typed now
        // would arrive as Ctrl+Alt+digit, i.e. shortcuts in the target app. Wait for release.
        const modifierKeycodes = MODIFIER_KEYSYMS.map((k) =>
          xlib.keysymToKeycode(display, k),
        ).filter((code) => code !== 0);
        const deadline = Date.now() + releaseTimeoutMs;
        while (modifierHeld(xlib, display, modifierKeycodes)) {
          if (Date.now() >= deadline) {
            return {
              typed: false,
              reason: 'modifiers-held',
              message:
                'Modifier keys (Ctrl, Alt, Shift or Super) were still held, so typing would have triggered shortcuts; the code was copied instead.',
            };
          }
          await delay(20);
        }

        xlib.takeError();
        for (const [index, stroke] of strokes.entries()) {
          if (index > 0 && keyDelayMs > 0) await delay(keyDelayMs);
          if (stroke.shift) xlib.fakeKey(display, shiftKeycode, true);
          xlib.fakeKey(display, stroke.keycode, true);
          xlib.fakeKey(display, stroke.keycode, false);
          if (stroke.shift) xlib.fakeKey(display, shiftKeycode, false);
          xlib.flush(display);
        }
        // A round trip, so every event reached the server before the display is closed and
        // any protocol error shows up now.
        xlib.sync(display);
        const error = xlib.takeError();
        if (error !== 0) {
          return {
            typed: false,
            reason: 'failed',
            message: `The X server reported error ${error} while typing; the code may be incomplete.`,
          };
        }
        return { typed: true };
      } finally {
        xlib.closeDisplay(display);
      }
    },
  };
}
