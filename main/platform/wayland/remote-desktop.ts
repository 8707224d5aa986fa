// A keyboard-only session of the xdg-desktop-portal RemoteDesktop interface:
//   CreateSession → SelectDevices(types: keyboard, persist_mode: 2, restore_token) → Start
//   (the desktop's approval dialog, or none when the restore token is accepted) →
//   NotifyKeyboardKeysym press/release … → Session.Close.
// persist_mode and restore_token exist from interface version 2 (xdg-desktop-portal 1.17/1.18);
// version 1 (Debian 12's 1.16, Ubuntu 22.04's 1.14) asks at every new session.
import { BusCallError, NO_BUS, TIMED_OUT, Variant, variantValue } from './portal-bus';
import type { PortalBus } from './portal-bus';
import { PORTAL_NAME, PORTAL_PATH, newToken, portalRequest, sessionPath } from './portal-request';

const RD_IFACE = 'org.freedesktop.portal.RemoteDesktop';
const SESSION_IFACE = 'org.freedesktop.portal.Session';
const KEYBOARD = 1;
/** Persist until the token is revoked (the person "forgets" it, or the desktop does). */
const PERSIST_UNTIL_REVOKED = 2;

export type PortalFailureReason =
  /** No session bus, no portal frontend, or no RemoteDesktop interface (wlroots compositors). */
  | 'missing'
  /** The RemoteDesktop interface is older than the caller accepts (no restore tokens). */
  | 'too-old'
  /** The desktop offers no keyboard through the portal, or the approval left it out. */
  | 'no-keyboard'
  /** The person said no (response 1), or the desktop refused (response 2). */
  | 'refused'
  /** The session was closed by the desktop (or the bus went away) before the code was typed. */
  | 'closed'
  /** A call or the approval took longer than the bound. */
  | 'timeout'
  /** Anything else the portal reported. */
  | 'failed';

export class PortalFailure extends Error {
  override readonly name = 'PortalFailure';
  constructor(
    readonly reason: PortalFailureReason,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The frontend refused the stored restore token itself (from 1.17 it must be a UUID it issued:
 * "Restore token is not a valid UUID string"). The caller drops it and starts again without.
 */
export class RestoreTokenRejected extends PortalFailure {
  constructor(message: string) {
    super('failed', message);
  }
}

export interface Timeouts {
  /** A method's return (ms). */
  callMs: number;
  /** The desktop's answer to Start, which may wait for a person at a dialog (ms). */
  approvalMs: number;
}

const MISSING_ERRORS = new Set([
  'org.freedesktop.DBus.Error.ServiceUnknown',
  'org.freedesktop.DBus.Error.NameHasNoOwner',
  'org.freedesktop.DBus.Error.UnknownInterface',
  'org.freedesktop.DBus.Error.UnknownMethod',
  'org.freedesktop.DBus.Error.UnknownObject',
  'org.freedesktop.DBus.Error.UnknownProperty',
  'org.freedesktop.DBus.Error.InvalidArgs',
  NO_BUS,
]);

/** A bus error as a PortalFailure, with `what` saying which step failed. */
export function asFailure(error: unknown, what: string): PortalFailure {
  if (error instanceof PortalFailure) return error;
  if (error instanceof BusCallError) {
    if (error.errorName === TIMED_OUT) return new PortalFailure('timeout', error.message);
    if (MISSING_ERRORS.has(error.errorName)) {
      return new PortalFailure(
        'missing',
        `The desktop has no remote-desktop portal (${what}: ${error.message}).`,
      );
    }
    return new PortalFailure('failed', `${what} failed: ${error.errorName}: ${error.message}`);
  }
  return new PortalFailure('failed', `${what} failed: ${String(error)}`);
}

async function property(bus: PortalBus, name: string, timeoutMs: number): Promise<unknown> {
  const [value] = await bus.call(
    PORTAL_NAME,
    PORTAL_PATH,
    'org.freedesktop.DBus.Properties',
    'Get',
    'ss',
    [RD_IFACE, name],
    timeoutMs,
  );
  return variantValue(value, 'u');
}

/** The RemoteDesktop interface's version and whether it offers a keyboard; throws PortalFailure. */
export async function probeRemoteDesktop(
  bus: PortalBus,
  timeoutMs: number,
): Promise<{ version: number }> {
  let version: unknown;
  let types: unknown;
  try {
    version = await property(bus, 'version', timeoutMs);
    types = await property(bus, 'AvailableDeviceTypes', timeoutMs);
  } catch (error) {
    throw asFailure(error, 'reading the RemoteDesktop portal');
  }
  if (typeof version !== 'number' || typeof types !== 'number') {
    throw new PortalFailure('failed', 'The RemoteDesktop portal answered with the wrong types.');
  }
  if ((types & KEYBOARD) === 0) {
    throw new PortalFailure('no-keyboard', 'The desktop offers no keyboard to remote control.');
  }
  return { version };
}

function refusal(response: number, step: string): PortalFailure {
  return response === 1
    ? new PortalFailure('refused', `Typing was not allowed: the request was cancelled (${step}).`)
    : new PortalFailure('refused', `The desktop refused remote typing (${step}).`);
}

export interface KeyboardSession {
  /** Set once the session is closed, by us or by the desktop. */
  readonly closed: boolean;
  /** One NotifyKeyboardKeysym: pressed true (1) or released false (0). */
  key(keysym: number, pressed: boolean): Promise<void>;
  close(): Promise<void>;
}

export interface StartedSession {
  session: KeyboardSession;
  /** The token to keep for the next session without a dialog (version ≥ 2), if the portal gave one. */
  restoreToken?: string;
}

/**
 * Opens and starts a keyboard session. `restoreToken` (version ≥ 2) lets the desktop skip its
 * dialog. Throws PortalFailure; a session created before the failure is closed.
 */
export async function startKeyboardSession(
  bus: PortalBus,
  version: number,
  restoreToken: string | undefined,
  timeouts: Timeouts,
): Promise<StartedSession> {
  const sessionToken = newToken('trayotp_session');
  let handle = sessionPath(bus.uniqueName, sessionToken);
  let closed = false;
  let unsubscribe: (() => void) | undefined;
  const close = async () => {
    if (closed) return;
    closed = true;
    unsubscribe?.();
    await bus
      .call(PORTAL_NAME, handle, SESSION_IFACE, 'Close', '', [], timeouts.callMs)
      .catch(() => {});
  };
  try {
    unsubscribe = await bus.onSignal(
      { path: handle, iface: SESSION_IFACE, member: 'Closed' },
      () => {
        closed = true;
      },
      timeouts.callMs,
    );
    bus.onDisconnect(() => {
      closed = true;
    });
    const created = await portalRequest(
      bus,
      {
        iface: RD_IFACE,
        member: 'CreateSession',
        signature: 'a{sv}',
        options: { session_handle_token: new Variant('s', sessionToken) },
        body: (options) => [options],
      },
      timeouts.callMs,
      timeouts.callMs,
    );
    if (created.response !== 0) throw refusal(created.response, 'CreateSession');
    const returned = variantValue(created.results.session_handle, 's');
    if (typeof returned === 'string' && returned !== handle) {
      // An older frontend that chose its own path: listen there instead.
      unsubscribe();
      handle = returned;
      unsubscribe = await bus.onSignal(
        { path: handle, iface: SESSION_IFACE, member: 'Closed' },
        () => {
          closed = true;
        },
        timeouts.callMs,
      );
    }

    const deviceOptions: Record<string, Variant> = { types: new Variant('u', KEYBOARD) };
    if (version >= 2) {
      deviceOptions.persist_mode = new Variant('u', PERSIST_UNTIL_REVOKED);
      if (restoreToken) deviceOptions.restore_token = new Variant('s', restoreToken);
    }
    const selected = await portalRequest(
      bus,
      {
        iface: RD_IFACE,
        member: 'SelectDevices',
        signature: 'oa{sv}',
        options: deviceOptions,
        body: (options) => [handle, options],
      },
      timeouts.callMs,
      timeouts.approvalMs,
    ).catch((error: unknown) => {
      if (
        deviceOptions.restore_token &&
        error instanceof BusCallError &&
        error.errorName === 'org.freedesktop.portal.Error.InvalidArgument'
      ) {
        throw new RestoreTokenRejected(
          `The desktop rejected the stored approval: ${error.message}`,
        );
      }
      throw error;
    });
    if (selected.response !== 0) throw refusal(selected.response, 'SelectDevices');

    const started = await portalRequest(
      bus,
      {
        iface: RD_IFACE,
        member: 'Start',
        signature: 'osa{sv}',
        options: {},
        body: (options) => [handle, '', options],
      },
      timeouts.callMs,
      timeouts.approvalMs,
    );
    if (started.response !== 0) throw refusal(started.response, 'Start');
    const devices = variantValue(started.results.devices, 'u');
    if (typeof devices === 'number' && (devices & KEYBOARD) === 0) {
      throw new PortalFailure(
        'no-keyboard',
        'The desktop allowed remote control without a keyboard.',
      );
    }
    if (closed) throw new PortalFailure('closed', 'The desktop closed the session as it started.');
    const token = variantValue(started.results.restore_token, 's');
    const session: KeyboardSession = {
      get closed() {
        return closed;
      },
      async key(keysym, pressed) {
        if (closed) throw new PortalFailure('closed', 'The desktop closed the session.');
        try {
          await bus.call(
            PORTAL_NAME,
            PORTAL_PATH,
            RD_IFACE,
            'NotifyKeyboardKeysym',
            'oa{sv}iu',
            [handle, {}, keysym, pressed ? 1 : 0],
            timeouts.callMs,
          );
        } catch (error) {
          // After the desktop closed the session the frontend answers "Invalid session".
          if (closed || (error instanceof BusCallError && /AccessDenied/.test(error.errorName))) {
            closed = true;
            throw new PortalFailure('closed', 'The desktop closed the session.');
          }
          throw asFailure(error, 'NotifyKeyboardKeysym');
        }
      },
      close,
    };
    return typeof token === 'string' && token !== ''
      ? { session, restoreToken: token }
      : { session };
  } catch (error) {
    await close();
    throw asFailure(error, 'starting the remote-desktop session');
  }
}
