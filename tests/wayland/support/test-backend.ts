// A portal backend for the tests: it owns org.freedesktop.impl.portal.desktop.trayotptest on the
// private bus and implements, under the REAL xdg-desktop-portal frontend,
//  - org.freedesktop.impl.portal.RemoteDesktop (CreateSession, SelectDevices, Start,
//    NotifyKeyboardKeysym) with its Request and Session objects (Session.Close, and the Closed
//    signal when the test, as the compositor, closes a session);
//  - org.freedesktop.impl.portal.Screenshot (version 2: the frontend asks Access first) serving
//    a PNG the test chooses, copied to a fresh file as a desktop's screenshot tool would;
//  - org.freedesktop.impl.portal.Access (the "allow screenshots?" dialog).
// It answers each dialog as a person would (approve or refuse, as the test sets), counts the
// dialogs, records every keysym it receives, and issues and accepts restore data the way a
// version-2 backend does (xdg-desktop-portal ≥ 1.17 turns it into the app's restore_token).
import { randomUUID } from 'node:crypto';
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sessionBus, Variant } from '@jellybrick/dbus-next';
import {
  BACKEND_INTERFACES,
  ImplAccess,
  ImplRemoteDesktop,
  ImplRequest,
  ImplScreenshot,
  ImplSession,
} from './backend-interfaces';
import type { MessageBus } from '@jellybrick/dbus-next';

export const BACKEND_NAME = 'org.freedesktop.impl.portal.desktop.trayotptest';
const DESKTOP_PATH = '/org/freedesktop/portal/desktop';
const VENDOR = 'trayotptest';

type Options = Record<string, Variant>;
export type Answer = [number, Options];

export { BACKEND_INTERFACES };

export interface KeyEvent {
  keysym: number;
  /** 1 pressed, 0 released. */
  state: number;
  session: string;
  /** performance.now() when it arrived (the tests run the backend in their own process). */
  at: number;
}

interface SessionState {
  handle: string;
  object: ImplSession;
  devices: number;
  persistMode: number;
  restoreData?: string;
  closed: boolean;
}

/** The person and the compositor, as the tests set them. */
export class TestBackend {
  /** How the person answers the next dialogs. */
  answer: 'approve' | 'cancel' | 'refuse' | 'never' = 'approve';
  /** Requests the frontend closed (Request.Close: the app gave up waiting). */
  closedRequests = 0;
  /** RemoteDesktop approval dialogs shown. */
  dialogs = 0;
  /** Screenshot Access dialogs shown. */
  accessDialogs = 0;
  readonly keys: KeyEvent[] = [];
  /** Close the session (as the compositor) when this many key presses have arrived. */
  closeAfterPresses: number | undefined;
  /** The PNG the next Screenshot serves (copied to a new file each time). */
  screenshotSource: string | undefined;
  /** The files Screenshot handed out. */
  readonly servedFiles: string[] = [];
  readonly sessions = new Map<string, SessionState>();
  private readonly issued = new Set<string>();
  private served = 0;

  constructor(
    readonly bus: MessageBus,
    private readonly fileDir: string,
  ) {}

  /** What the person approved: a dialog is shown unless the restore data is one we issued. */
  private ask(restoreData: string | undefined): boolean {
    if (restoreData && this.issued.has(restoreData)) return true;
    this.dialogs += 1;
    return this.answer === 'approve';
  }

  /** Waits until `count` key events have arrived (the frontend forwards them without waiting). */
  async waitForKeys(count: number, timeoutMs = 5000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (this.keys.length < count) {
      if (performance.now() > deadline) {
        throw new Error(`${this.keys.length} of ${count} key events arrived in ${timeoutMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  private refusal(): Answer {
    return [this.answer === 'cancel' ? 1 : 2, {}];
  }

  /** Exports a Request object for the call's lifetime, as a backend must. */
  async withRequest(
    handle: string,
    work: (whenClosed: Promise<void>) => Promise<Answer> | Answer,
  ): Promise<Answer> {
    let closed = false;
    let onClosed = () => {};
    const whenClosed = new Promise<void>((resolve) => (onClosed = resolve));
    const request = new ImplRequest(() => {
      closed = true;
      this.closedRequests += 1;
      onClosed();
    });
    this.bus.export(handle, request);
    try {
      const answer = await work(whenClosed);
      return closed ? [2, {}] : answer;
    } finally {
      this.bus.unexport(handle, request);
    }
  }

  createSession(handle: string, sessionHandle: string): Answer {
    const object = new ImplSession(() => this.endSession(sessionHandle, false));
    this.bus.export(sessionHandle, object);
    this.sessions.set(sessionHandle, {
      handle: sessionHandle,
      object,
      devices: 0,
      persistMode: 0,
      closed: false,
    });
    void handle;
    return [0, { session_id: new Variant('s', randomUUID()) }];
  }

  selectDevices(sessionHandle: string, options: Options): Answer {
    const session = this.sessions.get(sessionHandle);
    if (!session || session.closed) return [2, {}];
    session.devices = (options.types?.value as number | undefined) ?? 1;
    session.persistMode = (options.persist_mode?.value as number | undefined) ?? 0;
    const restore = options.restore_data?.value as [string, number, Variant] | undefined;
    if (restore && restore[0] === VENDOR) session.restoreData = String(restore[2].value);
    return [0, {}];
  }

  async start(sessionHandle: string, whenClosed: Promise<void>): Promise<Answer> {
    const session = this.sessions.get(sessionHandle);
    if (!session || session.closed) return [2, {}];
    if (this.answer === 'never') {
      // A dialog nobody answers: the request stays open until the frontend closes it.
      this.dialogs += 1;
      await whenClosed;
      this.endSession(sessionHandle, false);
      return [2, {}];
    }
    if (!this.ask(session.restoreData)) {
      this.endSession(sessionHandle, false);
      return this.refusal();
    }
    // Restore data is single-use: the old one is spent, a new one goes back.
    if (session.restoreData) this.issued.delete(session.restoreData);
    const results: Options = { devices: new Variant('u', session.devices & 1) };
    if (session.persistMode > 0) {
      const data = randomUUID();
      this.issued.add(data);
      results.persist_mode = new Variant('u', session.persistMode);
      results.restore_data = new Variant('(suv)', [VENDOR, 1, new Variant('s', data)]);
    }
    return [0, results];
  }

  notifyKeysym(sessionHandle: string, keysym: number, state: number): void {
    const session = this.sessions.get(sessionHandle);
    if (!session || session.closed) return;
    this.keys.push({ keysym, state, session: sessionHandle, at: performance.now() });
    const presses = this.keys.filter((k) => k.state === 1).length;
    if (state === 1 && presses === this.closeAfterPresses) this.endSession(sessionHandle, true);
  }

  /** Ends a session; `fromCompositor` emits Closed, as a compositor stopping it does. */
  endSession(sessionHandle: string, fromCompositor: boolean): void {
    const session = this.sessions.get(sessionHandle);
    if (!session || session.closed) return;
    session.closed = true;
    if (fromCompositor) session.object.Closed();
    setTimeout(() => this.bus.unexport(sessionHandle, session.object), 50);
  }

  access(): Answer {
    this.accessDialogs += 1;
    return this.answer === 'approve' ? [0, {}] : this.refusal();
  }

  async screenshot(): Promise<Answer> {
    if (this.answer !== 'approve' || !this.screenshotSource) return this.refusal();
    this.served += 1;
    await mkdir(this.fileDir, { recursive: true });
    const file = join(this.fileDir, `Screenshot-${this.served}.png`);
    await copyFile(this.screenshotSource, file);
    this.servedFiles.push(file);
    return [0, { uri: new Variant('s', pathToFileURL(file).href) }];
  }
}

/** Connects to the bus at `address`, exports the interfaces and owns BACKEND_NAME. */
export async function startTestBackend(address: string, fileDir: string): Promise<TestBackend> {
  const bus = sessionBus({ busAddress: address });
  const backend = new TestBackend(bus, fileDir);
  bus.export(DESKTOP_PATH, new ImplRemoteDesktop(backend));
  bus.export(DESKTOP_PATH, new ImplScreenshot(backend));
  bus.export(DESKTOP_PATH, new ImplAccess(backend));
  const reply = await bus.requestName(BACKEND_NAME, 4 /* DO_NOT_QUEUE */);
  if (reply !== 1) throw new Error(`the test backend could not own ${BACKEND_NAME} (${reply})`);
  return backend;
}
