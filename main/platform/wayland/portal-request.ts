// The portal's Request/Response pattern: a method returns at once with a Request object path, and
// the answer comes later as that object's Response signal (0 = success, 1 = the person cancelled,
// 2 = otherwise ended). The signal may come before the method returns, so we subscribe first, on
// the path the portal will use: /org/freedesktop/portal/desktop/request/SENDER/TOKEN, SENDER being
// our unique name without ':' and with '.' as '_', TOKEN our handle_token.
import { randomBytes } from 'node:crypto';
import { BusCallError, TIMED_OUT, Variant } from './portal-bus';
import type { BusSignal, PortalBus } from './portal-bus';

export const PORTAL_NAME = 'org.freedesktop.portal.Desktop';
export const PORTAL_PATH = '/org/freedesktop/portal/desktop';
const REQUEST_IFACE = 'org.freedesktop.portal.Request';

/** A token the portal accepts in object paths: letters, digits and '_'. */
export function newToken(prefix: string): string {
  return `${prefix}_${randomBytes(8).toString('hex')}`;
}

export function senderPart(uniqueName: string): string {
  return uniqueName.replace(/^:/, '').replace(/\./g, '_');
}

export function requestPath(uniqueName: string, token: string): string {
  return `${PORTAL_PATH}/request/${senderPart(uniqueName)}/${token}`;
}

export function sessionPath(uniqueName: string, token: string): string {
  return `${PORTAL_PATH}/session/${senderPart(uniqueName)}/${token}`;
}

export interface PortalResponse {
  /** 0 success, 1 cancelled by the person, 2 ended otherwise (the portal's numbers). */
  response: number;
  results: Record<string, unknown>;
}

export interface PortalRequestCall {
  iface: string;
  member: string;
  signature: string;
  /** The arguments, given the options dictionary with handle_token already in it. */
  body: (options: Record<string, Variant>) => unknown[];
  options: Record<string, Variant>;
}

function readResponse(signal: BusSignal): PortalResponse {
  const [response, results] = signal.body;
  return {
    response: typeof response === 'number' ? response : 2,
    results:
      results !== null && typeof results === 'object' ? (results as Record<string, unknown>) : {},
  };
}

/**
 * Calls a request-style portal method and waits for its Response. `callTimeoutMs` bounds the
 * method's return; `responseTimeoutMs` bounds the wait for the answer (a dialog waits for a
 * person). On a timeout the Request is closed, so no dialog is left behind.
 */
export async function portalRequest(
  bus: PortalBus,
  call: PortalRequestCall,
  callTimeoutMs: number,
  responseTimeoutMs: number,
): Promise<PortalResponse> {
  const token = newToken('trayotp');
  const expected = requestPath(bus.uniqueName, token);
  const paths = new Set([expected]);
  let settle: ((response: PortalResponse) => void) | undefined;
  let early: PortalResponse | undefined;
  const listener = (signal: BusSignal) => {
    if (!paths.has(signal.path)) return;
    const response = readResponse(signal);
    if (settle) settle(response);
    else early = response;
  };
  const unsubscribers = [
    await bus.onSignal(
      { path: expected, iface: REQUEST_IFACE, member: 'Response' },
      listener,
      callTimeoutMs,
    ),
  ];
  let handle = expected;
  try {
    const options = { ...call.options, handle_token: new Variant('s', token) };
    const [returned] = await bus.call(
      PORTAL_NAME,
      PORTAL_PATH,
      call.iface,
      call.member,
      call.signature,
      call.body(options),
      callTimeoutMs,
    );
    // Portals before 0.9 ignored handle_token and chose their own path.
    if (typeof returned === 'string' && returned !== expected) {
      handle = returned;
      paths.add(returned);
      unsubscribers.push(
        await bus.onSignal(
          { path: returned, iface: REQUEST_IFACE, member: 'Response' },
          listener,
          callTimeoutMs,
        ),
      );
    }
    if (early) return early;
    return await new Promise<PortalResponse>((resolve, reject) => {
      const timer = setTimeout(() => {
        settle = undefined;
        reject(
          new BusCallError(
            TIMED_OUT,
            `${call.iface}.${call.member} got no answer within ${responseTimeoutMs} ms`,
          ),
        );
      }, responseTimeoutMs);
      settle = (response) => {
        clearTimeout(timer);
        resolve(response);
      };
    });
  } catch (error) {
    if (error instanceof BusCallError && error.errorName === TIMED_OUT) {
      bus.call(PORTAL_NAME, handle, REQUEST_IFACE, 'Close', '', [], callTimeoutMs).catch(() => {});
    }
    throw error;
  } finally {
    for (const unsubscribe of unsubscribers) unsubscribe();
  }
}
