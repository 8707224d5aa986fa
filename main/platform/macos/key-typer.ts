// macOS: keystrokes as CGEvents carrying the character itself (CGEventKeyboardSetUnicodeString),
// posted to the HID event tap, through koffi. macOS only lets apps the person allowed under
// Privacy & Security → Accessibility post events; without that the code is copied and the
// person is told where to allow it.
import koffi from 'koffi';
import type { KeyTyper } from '../../app/ports/key-typer';
import { typeUnicode } from '../unicode-typer';
import type { UnicodeInput } from '../unicode-typer';

/** kCGEventFlagMaskShift | Control | Alternate | Command. */
const MODIFIER_FLAGS = 0x20000 | 0x40000 | 0x80000 | 0x100000;

export const ACCESSIBILITY_HELP =
  'TrayOTP may not type into other apps yet. Open System Settings → Privacy & Security → Accessibility and turn TrayOTP on; until then the code is copied instead.';

/** The Quartz calls, as plain functions (koffi in the app, a fake in tests). */
export interface Quartz {
  /** AXIsProcessTrusted: whether the person allowed TrayOTP under Accessibility. */
  isTrusted(): boolean;
  /** CGEventSourceFlagsState of the combined session state. */
  modifierFlags(): number;
  /** Posts a key down and up carrying `char` (UTF-16 units); false if no event could be made. */
  postCharacter(units: number[]): boolean;
}

export function quartzInput(quartz: Quartz): UnicodeInput {
  return {
    modifiersHeld: () => (quartz.modifierFlags() & MODIFIER_FLAGS) !== 0,
    sendCharacter: (char) =>
      quartz.postCharacter(Array.from({ length: char.length }, (_, i) => char.charCodeAt(i))),
  };
}

export function createMacKeyTyper(load: () => Quartz = loadQuartz): KeyTyper {
  let quartz: Quartz | undefined;
  return {
    async type(text) {
      try {
        quartz ??= load();
      } catch (error) {
        return {
          typed: false,
          reason: 'unavailable',
          message: `macOS's event functions could not be loaded: ${(error as Error).message}`,
        };
      }
      if (!quartz.isTrusted()) {
        return { typed: false, reason: 'permission-denied', message: ACCESSIBILITY_HELP };
      }
      return typeUnicode(quartzInput(quartz), text, {
        refusedMessage: 'macOS did not accept the keystrokes; the code was copied instead.',
      });
    },
  };
}

function loadQuartz(): Quartz {
  const services = koffi.load(
    '/System/Library/Frameworks/ApplicationServices.framework/ApplicationServices',
  );
  const AXIsProcessTrusted = services.func('bool AXIsProcessTrusted()');
  const CGEventSourceFlagsState = services.func('uint64 CGEventSourceFlagsState(int32 stateID)');
  const CGEventCreateKeyboardEvent = services.func(
    'void *CGEventCreateKeyboardEvent(void *source, uint16 virtualKey, bool keyDown)',
  );
  const CGEventKeyboardSetUnicodeString = services.func(
    'void CGEventKeyboardSetUnicodeString(void *event, unsigned long length, const uint16 *string)',
  );
  const CGEventPost = services.func('void CGEventPost(uint32 tap, void *event)');
  const CFRelease = services.func('void CFRelease(void *cf)');
  const HID_EVENT_TAP = 0;
  const COMBINED_SESSION_STATE = 0;
  return {
    isTrusted: () => AXIsProcessTrusted() as boolean,
    modifierFlags: () => Number(CGEventSourceFlagsState(COMBINED_SESSION_STATE)),
    postCharacter(units) {
      for (const down of [true, false]) {
        const event = CGEventCreateKeyboardEvent(null, 0, down);
        if (!event) return false;
        CGEventKeyboardSetUnicodeString(event, units.length, units);
        CGEventPost(HID_EVENT_TAP, event);
        CFRelease(event);
      }
      return true;
    },
  };
}
