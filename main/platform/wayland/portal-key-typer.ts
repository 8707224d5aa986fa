// KeyTyper for Wayland through the xdg-desktop-portal RemoteDesktop interface: one keysym press
// and release per character. Every failure ends the typing and says why and how many characters
// went out before it (`typeText`); `type` gives the same as the KeyTyper port's TypeResult, so the
// caller copies the code instead and says so. Plain Node: no electron import.
import type { KeyTyper, TypeFailure, TypeResult } from '../../app/ports/key-typer';
import { keysymsOf } from './keysyms';
import { connectPortalBus } from './portal-bus';
import type { PortalBus } from './portal-bus';
import {
  PortalFailure,
  RestoreTokenRejected,
  asFailure,
  probeRemoteDesktop,
  startKeyboardSession,
} from './remote-desktop';
import type { KeyboardSession, PortalFailureReason } from './remote-desktop';

/** Where the restore token lives between runs (the app keeps it in its settings file). */
export interface RestoreTokenStore {
  load(): string | undefined | Promise<string | undefined>;
  /** undefined drops the token (refused, or the person chose Forget). */
  save(token: string | undefined): void | Promise<void>;
}

export interface PortalKeyTyperOptions {
  tokens: RestoreTokenStore;
  /** Session bus address; default $DBUS_SESSION_BUS_ADDRESS, then $XDG_RUNTIME_DIR/bus. */
  busAddress?: string;
  /**
   * The oldest RemoteDesktop interface version to use (default 2, the first with restore tokens).
   * 1 accepts a portal that shows its dialog at every new session.
   */
  minimumVersion?: number;
  /** Keep an approved session open this long after typing, for the next code (default 0). */
  keepOpenMs?: number;
  /** Pause between characters (ms), so "one box per digit" forms keep up (default 10). */
  keyDelayMs?: number;
  /**
   * A key pressed and released once at the start of each new session, before the first
   * character (default Shift_L 0xffe1; null for none). Mutter 43 (headless, Debian 12) loses the
   * first key event of a new virtual keyboard: "345" arrived as "45" in a GTK entry, and a lone
   * Shift first made it "345". A lone Shift types nothing in a text field.
   */
  warmUpKeysym?: number | null;
  /** Bound on each method call (ms, default 3000). */
  callTimeoutMs?: number;
  /** Bound on the desktop's answer, which may wait for a person at a dialog (ms, default 60000). */
  approvalTimeoutMs?: number;
}

export type PortalTypeFailureReason = PortalFailureReason | 'unsupported-character';

export type PortalTypeOutcome =
  | { ok: true; typed: number; total: number; elapsedMs: number }
  | {
      ok: false;
      reason: PortalTypeFailureReason;
      /** Characters whose press and release the portal accepted before the stop. */
      typed: number;
      total: number;
      message: string;
      elapsedMs: number;
    };

export interface PortalKeyTyper extends KeyTyper {
  typeText(text: string): Promise<PortalTypeOutcome>;
  /** Closes a session kept open (keepOpenMs) and its connection. */
  close(): Promise<void>;
}

const XK_SHIFT_L = 0xffe1;

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const PORT_REASON: Record<PortalTypeFailureReason, TypeFailure> = {
  missing: 'unavailable',
  'too-old': 'unavailable',
  'no-keyboard': 'unavailable',
  refused: 'permission-denied',
  closed: 'failed',
  timeout: 'failed',
  failed: 'failed',
  'unsupported-character': 'unsupported-character',
};

/** The outcome as the KeyTyper port's result; a partial typing is said in the message. */
export function toTypeResult(outcome: PortalTypeOutcome): TypeResult {
  if (outcome.ok) return { typed: true };
  const partial =
    outcome.typed > 0
      ? ` ${outcome.typed} of ${outcome.total} characters were typed before it stopped; clear the field.`
      : '';
  // typedChars and total: what the port's failure variant carries once it can say "n of m".
  const failure = {
    typed: false as const,
    reason: PORT_REASON[outcome.reason],
    message: outcome.message + partial,
    typedChars: outcome.typed,
    total: outcome.total,
  };
  return failure;
}

interface Held {
  bus: PortalBus;
  session: KeyboardSession;
  timer?: NodeJS.Timeout;
}

export function createPortalKeyTyper(options: PortalKeyTyperOptions): PortalKeyTyper {
  const minimumVersion = options.minimumVersion ?? 2;
  const keepOpenMs = options.keepOpenMs ?? 0;
  const keyDelayMs = options.keyDelayMs ?? 10;
  const warmUpKeysym = options.warmUpKeysym === undefined ? XK_SHIFT_L : options.warmUpKeysym;
  const timeouts = {
    callMs: options.callTimeoutMs ?? 3000,
    approvalMs: options.approvalTimeoutMs ?? 60_000,
  };
  let held: Held | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  const release = async (h: Held | undefined) => {
    if (!h) return;
    clearTimeout(h.timer);
    if (held === h) held = undefined;
    await h.session.close();
    h.bus.disconnect();
  };

  /** A started session: the one kept open, or a new one (with the stored token). */
  const acquire = async (): Promise<Held> => {
    if (held && !held.session.closed) {
      clearTimeout(held.timer);
      return held;
    }
    await release(held);
    const bus = await connectPortalBus(options.busAddress, timeouts.callMs).catch((error) => {
      throw asFailure(error, 'connecting to the session bus');
    });
    try {
      const { version } = await probeRemoteDesktop(bus, timeouts.callMs);
      if (version < minimumVersion) {
        throw new PortalFailure(
          'too-old',
          `The desktop's remote-desktop portal is version ${version}, which cannot remember an approval (version ${minimumVersion} or later can: xdg-desktop-portal 1.18).`,
        );
      }
      let token = await options.tokens.load();
      let started;
      try {
        started = await startKeyboardSession(bus, version, token, timeouts).catch(
          async (error: unknown) => {
            if (!(error instanceof RestoreTokenRejected)) throw error;
            // A token the frontend cannot use (damaged, or from another desktop) would fail every
            // press: drop it and ask the person again.
            await options.tokens.save(undefined);
            token = undefined;
            return startKeyboardSession(bus, version, undefined, timeouts);
          },
        );
      } catch (error) {
        if (error instanceof PortalFailure && error.reason === 'refused' && token) {
          await options.tokens.save(undefined);
        }
        throw error;
      }
      // Keep what Start gave: the portal may hand out a new token or the same one again.
      if (started.restoreToken && started.restoreToken !== token) {
        await options.tokens.save(started.restoreToken);
      }
      if (warmUpKeysym !== null) {
        await started.session.key(warmUpKeysym, true);
        await started.session.key(warmUpKeysym, false);
      }
      return { bus, session: started.session };
    } catch (error) {
      bus.disconnect();
      throw error;
    }
  };

  const typeOnce = async (text: string): Promise<PortalTypeOutcome> => {
    const began = performance.now();
    const elapsed = () => Math.round(performance.now() - began);
    const chars = [...text];
    const total = chars.length;
    const parsed = keysymsOf(text);
    if ('unsupported' in parsed) {
      return {
        ok: false,
        reason: 'unsupported-character',
        typed: 0,
        total,
        message: `The character "${parsed.unsupported}" cannot be typed through the desktop portal.`,
        elapsedMs: elapsed(),
      };
    }
    let typed = 0;
    let current: Held | undefined;
    try {
      current = await acquire();
      for (const [index, keysym] of parsed.keysyms.entries()) {
        if (index > 0 && keyDelayMs > 0) await delay(keyDelayMs);
        await current.session.key(keysym, true);
        await current.session.key(keysym, false);
        typed += 1;
      }
    } catch (error) {
      const failure = asFailure(error, 'typing');
      await release(current);
      return {
        ok: false,
        reason: failure.reason,
        typed,
        total,
        message: failure.message,
        elapsedMs: elapsed(),
      };
    }
    const elapsedMs = elapsed();
    if (keepOpenMs > 0) {
      held = current;
      const kept = current;
      kept.timer = setTimeout(() => void release(kept), keepOpenMs);
      kept.timer.unref?.();
    } else {
      await release(current);
    }
    return { ok: true, typed, total, elapsedMs };
  };

  const typeText = (text: string): Promise<PortalTypeOutcome> => {
    // One typing at a time: a second code waits for the first to finish.
    const next = queue.then(() => typeOnce(text));
    queue = next.catch(() => {});
    return next;
  };

  return {
    typeText,
    async type(text) {
      return toTypeResult(await typeText(text));
    },
    async close() {
      await queue;
      await release(held);
    },
  };
}
