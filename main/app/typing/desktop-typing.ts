// Settings → Typing (issue 27): how the hotkey reaches other apps on this desktop, whether the
// desktop's approval to type is kept, Forget, and the command to bind where the global hotkey
// may not reach TrayOTP. What the platform is comes from the composition root (compose.ts's
// adapter choice); this only says it to the window.
import type { DesktopTypingMode, DesktopTypingView } from '../../../preload/views/desktop-typing';
import type { HotkeyStatus } from '../hotkeys/hotkeys';
import type { TypingPermission } from '../ports/typing-permission';
import { TYPE_CODE_COMMAND } from '../shared/second-instance';

export interface DesktopTypingInfo {
  mode: DesktopTypingMode;
  /** What the person should know of this desktop (why the hotkey copies); a sentence. */
  note?: string;
  /** The desktop's approval to type, where the desktop asks for one (the portal typer). */
  permission?: TypingPermission;
  /**
   * The desktop may take the hotkey without telling (Wayland's GlobalShortcuts portal: Electron's
   * register() says only that the request was sent), so the bindable command is always shown.
   */
  hotkeyUnsure?: boolean;
  /** The command that starts this TrayOTP with --type-code (default `trayotp --type-code`). */
  typeCodeCommand?: string;
}

export class DesktopTyping {
  constructor(
    private readonly info: DesktopTypingInfo,
    private readonly hotkeys: () => HotkeyStatus[],
  ) {}

  status(): DesktopTypingView {
    const typeCode = this.hotkeys().find((s) => s.action === 'typeCode');
    const failed = typeCode !== undefined && typeCode.accelerator !== '' && !typeCode.registered;
    return {
      mode: this.info.mode,
      note: this.info.note ?? null,
      allowed: this.info.permission?.kept() ?? false,
      shortcutCommand:
        this.info.hotkeyUnsure || failed ? (this.info.typeCodeCommand ?? TYPE_CODE_COMMAND) : null,
    };
  }

  /** Drops the desktop's approval: the next press asks again. */
  async forget(): Promise<DesktopTypingView> {
    await this.info.permission?.forget();
    return this.status();
  }
}
