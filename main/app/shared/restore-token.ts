// The desktop's approval to type (Wayland's RemoteDesktop portal hands out a restore token when
// the person allows TrayOTP once) is kept in the settings file beside the settings, under its
// own key. It is not a window setting: the window is told only whether one is kept (Settings →
// Typing), never the token, and no settings patch from the window can write it. A file without
// the key (every file written before it existed) loads as "none kept"; a value that is not a
// short printable string is dropped and reported like any other unusable setting.

/** The settings file's key for the kept approval. */
export const RESTORE_TOKEN_KEY = 'desktopTypingApproval';

/** Far above a UUID (what xdg-desktop-portal hands out); anything longer is not a token. */
export const MAX_RESTORE_TOKEN_LENGTH = 256;

/** The kept token from a settings file's raw contents; an unusable value is reported. */
export function readRestoreToken(raw: unknown, problems: string[]): string | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  if (!Object.hasOwn(raw, RESTORE_TOKEN_KEY)) return undefined;
  const value = (raw as Record<string, unknown>)[RESTORE_TOKEN_KEY];
  if (isRestoreToken(value)) return value;
  problems.push(
    'The desktop’s approval to type kept in the settings file is unusable and is dropped; the next hotkey press asks the desktop again.',
  );
  return undefined;
}

export function isRestoreToken(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length > 0 &&
    value.length <= MAX_RESTORE_TOKEN_LENGTH &&
    /^[\x21-\x7e]+$/.test(value)
  );
}
