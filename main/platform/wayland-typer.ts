// The app's glue over the portal typer (main/platform/wayland/, docs/wayland.md): the KeyTyper
// port with the count of characters that went out before a stop (so the one notice can say
// "typed 3 of 6, then …"), a sentence per failure a person can act on, the restore token kept
// in the settings file, Settings → Typing's approval and Forget, and the start-up probe that
// tells compose-choice.ts whether this desktop has a RemoteDesktop portal at all.
import type { KeyTyper, TypeResult } from '../app/ports/key-typer';
import type { TypingPermission } from '../app/ports/typing-permission';
import { createPortalKeyTyper, toTypeResult } from './wayland';
import type { PortalKeyTyper, PortalKeyTyperOptions, PortalTypeOutcome } from './wayland';
import { connectPortalBus } from './wayland/portal-bus';
import { PortalFailure, asFailure, probeRemoteDesktop } from './wayland/remote-desktop';
import type { RemoteDesktopProbe } from './compose-choice';

/** Where the token lives: the settings store (settings-store.ts). */
export interface RestoreTokenFile {
  restoreToken(): string | undefined;
  saveRestoreToken(token: string | undefined): void;
}

function sentence(outcome: Extract<PortalTypeOutcome, { ok: false }>): string {
  switch (outcome.reason) {
    case 'missing':
      return 'This desktop has no remote-desktop portal, so TrayOTP cannot type here (wlroots compositors such as Sway have none).';
    case 'too-old':
    case 'unsupported-character':
      return outcome.message;
    case 'no-keyboard':
      return 'The desktop gave TrayOTP no keyboard to type with.';
    case 'refused':
      return 'The desktop did not allow TrayOTP to type (the dialog was refused or cancelled); the next press asks again.';
    case 'closed':
      return 'The desktop closed the typing session.';
    case 'timeout':
      return 'The desktop did not answer in time.';
    case 'failed':
      return `Typing through the desktop failed (${outcome.message}).`;
  }
}

/**
 * A portal outcome as the KeyTyper port's result (toTypeResult: the reason, how far a stopped
 * typing got), said in the app's words for the one notice.
 */
export function portalTypeResult(outcome: PortalTypeOutcome): TypeResult {
  const result = toTypeResult(outcome);
  return outcome.ok || result.typed ? result : { ...result, message: sentence(outcome) };
}

export interface WaylandTyping {
  typer: KeyTyper & { close(): Promise<void> };
  permission: TypingPermission;
  /** The portal typer itself (typeText's full outcome), for the tests and the log. */
  portal: PortalKeyTyper;
}

export function createWaylandTyping(
  tokens: RestoreTokenFile,
  options: Omit<PortalKeyTyperOptions, 'tokens'> = {},
): WaylandTyping {
  const portal = createPortalKeyTyper({
    ...options,
    tokens: {
      load: () => tokens.restoreToken(),
      save: (token) => tokens.saveRestoreToken(token),
    },
  });
  return {
    portal,
    typer: {
      type: async (text) => portalTypeResult(await portal.typeText(text)),
      close: () => portal.close(),
    },
    permission: {
      kept: () => tokens.restoreToken() !== undefined,
      async forget() {
        // A session kept open would still type without asking: it goes too.
        await portal.close();
        tokens.saveRestoreToken(undefined);
      },
    },
  };
}

/** A typer for a desktop that cannot type (wlroots): every press copies, saying why. */
export function copyOnlyTyper(message: string): KeyTyper {
  return { type: async () => ({ typed: false, reason: 'unavailable', message }) };
}

/** What the RemoteDesktop portal offers, read once at start (bounded: `timeoutMs`). */
export async function probeRemoteDesktopPortal(
  options: { busAddress?: string; timeoutMs?: number; minimumVersion?: number } = {},
): Promise<RemoteDesktopProbe> {
  const timeoutMs = options.timeoutMs ?? 1500;
  const minimumVersion = options.minimumVersion ?? 2;
  let bus;
  try {
    bus = await connectPortalBus(options.busAddress, timeoutMs);
  } catch (error) {
    const failure = asFailure(error, 'connecting to the session bus');
    return failure.reason === 'missing'
      ? { state: 'missing', message: failure.message }
      : { state: 'unknown' };
  }
  try {
    const { version } = await probeRemoteDesktop(bus, timeoutMs);
    if (version < minimumVersion) {
      return { state: 'too-old', message: `RemoteDesktop version ${version}` };
    }
    return { state: 'available', version };
  } catch (error) {
    const failure = error instanceof PortalFailure ? error : asFailure(error, 'probing');
    if (failure.reason === 'missing' || failure.reason === 'no-keyboard') {
      return { state: failure.reason, message: failure.message };
    }
    return { state: 'unknown' };
  } finally {
    bus.disconnect();
  }
}
