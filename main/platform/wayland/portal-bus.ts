// A session-bus connection for the portal clients, over @jellybrick/dbus-next's low-level API
// (plain messages, no introspection: nothing from the peer is parsed as XML). Every call is
// bounded in time: the library itself never times out a call, and a portal that hangs must not
// hang the hotkey. Plain Node (no electron), so the real-portal tests run it as the app does.
import { Message, MessageType, sessionBus, Variant } from '@jellybrick/dbus-next';
import type { MessageBus } from '@jellybrick/dbus-next';
import type { EventEmitter } from 'node:events';

export { Variant };

/** A signal as the listeners see it. */
export interface BusSignal {
  path: string;
  iface: string;
  member: string;
  body: unknown[];
}

/** Why a bus operation failed: the D-Bus error name (or our own) and its text. */
export class BusCallError extends Error {
  override readonly name = 'BusCallError';
  constructor(
    readonly errorName: string,
    message: string,
  ) {
    super(message);
  }
}

export const TIMED_OUT = 'trayotp.Error.TimedOut';
export const NO_BUS = 'trayotp.Error.NoBus';

export interface PortalBus {
  /** Our unique name on the bus (":1.42"), known once connected. */
  readonly uniqueName: string;
  call(
    destination: string,
    path: string,
    iface: string,
    member: string,
    signature: string,
    body: unknown[],
    timeoutMs: number,
  ): Promise<unknown[]>;
  /** AddMatch a signal rule and hear its signals until the returned function is called. */
  onSignal(
    match: { path?: string; iface: string; member: string },
    listener: (signal: BusSignal) => void,
    timeoutMs: number,
  ): Promise<() => void>;
  /** Called once when the connection ends (the bus went away). */
  onDisconnect(listener: () => void): void;
  disconnect(): void;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new BusCallError(TIMED_OUT, `${what} did not answer within ${ms} ms`)),
      ms,
    );
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(toBusError(error));
      },
    );
  });
}

function toBusError(error: unknown): BusCallError {
  if (error instanceof BusCallError) return error;
  const e = error as { type?: unknown; text?: unknown; message?: unknown };
  if (typeof e.type === 'string') {
    return new BusCallError(e.type, typeof e.text === 'string' ? e.text : e.type);
  }
  return new BusCallError(NO_BUS, String(e.message ?? error));
}

function matchRule(match: { path?: string; iface: string; member: string }): string {
  const parts = [`type='signal'`, `interface='${match.iface}'`, `member='${match.member}'`];
  if (match.path) parts.push(`path='${match.path}'`);
  return parts.join(',');
}

/**
 * Connects to the session bus at `address` (default: $DBUS_SESSION_BUS_ADDRESS, then
 * $XDG_RUNTIME_DIR/bus). Throws BusCallError(NO_BUS) when there is none or it does not answer.
 */
export async function connectPortalBus(
  address: string | undefined,
  timeoutMs: number,
): Promise<PortalBus> {
  let bus: MessageBus;
  try {
    bus = sessionBus(address ? { busAddress: address } : {});
  } catch (error) {
    throw new BusCallError(NO_BUS, `no session bus: ${(error as Error).message}`);
  }
  const disconnectListeners: (() => void)[] = [];
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    for (const listener of disconnectListeners.splice(0)) listener();
  };
  // The bus emits 'error' (untyped in its declarations) when the connection fails or breaks;
  // without a listener that would throw in the app's main process.
  const events = bus as unknown as EventEmitter;
  events.on('error', end);
  const connected = new Promise<void>((resolve, reject) => {
    bus.once('connect', () => resolve());
    events.once('error', (error: unknown) =>
      reject(new BusCallError(NO_BUS, `no session bus: ${(error as Error).message}`)),
    );
  });
  try {
    await withTimeout(connected, timeoutMs, 'the session bus');
  } catch (error) {
    bus.disconnect();
    throw new BusCallError(NO_BUS, (error as Error).message);
  }
  const signalListeners = new Set<(message: Message) => void>();
  bus.on('message', (message: Message) => {
    if (message.type !== MessageType.SIGNAL) return;
    for (const listener of signalListeners) listener(message);
  });
  const uniqueName = bus.name ?? '';

  const call: PortalBus['call'] = async (destination, path, iface, member, signature, body, ms) => {
    if (ended) throw new BusCallError(NO_BUS, 'the session bus connection has ended');
    const message = new Message({ destination, path, interface: iface, member, signature, body });
    const reply = await withTimeout(bus.call(message), ms, `${iface}.${member}`);
    return reply?.body ?? [];
  };

  return {
    uniqueName,
    call,
    async onSignal(match, listener, ms) {
      const rule = matchRule(match);
      const filter = (message: Message) => {
        if (message.interface !== match.iface || message.member !== match.member) return;
        if (match.path && message.path !== match.path) return;
        listener({
          path: message.path,
          iface: message.interface,
          member: message.member,
          body: message.body,
        });
      };
      signalListeners.add(filter);
      try {
        await call(
          'org.freedesktop.DBus',
          '/org/freedesktop/DBus',
          'org.freedesktop.DBus',
          'AddMatch',
          's',
          [rule],
          ms,
        );
      } catch (error) {
        signalListeners.delete(filter);
        throw error;
      }
      return () => {
        signalListeners.delete(filter);
        if (ended) return;
        call(
          'org.freedesktop.DBus',
          '/org/freedesktop/DBus',
          'org.freedesktop.DBus',
          'RemoveMatch',
          's',
          [rule],
          ms,
        ).catch(() => {
          // The rule goes with the connection anyway.
        });
      };
    },
    onDisconnect(listener) {
      if (ended) listener();
      else disconnectListeners.push(listener);
    },
    disconnect() {
      bus.disconnect();
      end();
    },
  };
}

/** A variant's value, or undefined when `value` is not a Variant of the given signature. */
export function variantValue(value: unknown, signature: string): unknown {
  if (value instanceof Variant && value.signature === signature) return value.value;
  return undefined;
}
