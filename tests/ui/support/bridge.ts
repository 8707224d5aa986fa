// Puts window.trayotp into a Playwright page, backed by anything that answers IPC the way main
// does: `invoke(name, args)` (main/ipc/table.ts's IpcTable: the handler table over the test
// double today, over the real AppController later) and `on(event, listener)` for pushed events.
// Arguments and results cross as JSON, like Electron's structured clone of plain data, and every
// payload in both directions is recorded for the "no secret reaches the window" check.
import type { Page } from 'playwright-core';
import { EVENT_NAMES, METHOD_NAMES } from '../../../preload/channels';
import type { EventName } from '../../../preload/channels';

export interface BridgeTarget {
  invoke(name: string, args: unknown[]): Promise<unknown>;
  on(event: EventName, listener: (payload: unknown) => void): () => void;
}

export interface IpcRecord {
  /** invoke: window → main arguments; result: main → window; event: main → window push. */
  direction: 'invoke' | 'result' | 'event';
  name: string;
  payload: unknown;
}

export interface Bridge {
  records: IpcRecord[];
  /** What main sent to the window: results and events. */
  toWindow(): IpcRecord[];
  dispose(): void;
}

/** Runs in the page before its scripts: the same shape preload/index.ts exposes. */
function installApi(names: { methods: readonly string[]; events: readonly string[] }) {
  type Listener = (payload: unknown) => void;
  const w = window as unknown as {
    __trayotpInvoke: (name: string, args: unknown[]) => Promise<unknown>;
    __trayotpDispatch: (event: string, payload: unknown) => void;
    trayotp: unknown;
  };
  const listeners = new Map<string, Set<Listener>>();
  const api: Record<string, unknown> = {};
  for (const name of names.methods) {
    api[name] = (...args: unknown[]) => w.__trayotpInvoke(name, args);
  }
  api.on = (event: string, listener: Listener) => {
    if (!names.events.includes(event)) throw new Error(`unknown event ${event}`);
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  };
  Object.defineProperty(w, '__trayotpDispatch', {
    value: (event: string, payload: unknown) => {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
  });
  Object.defineProperty(w, 'trayotp', { value: Object.freeze(api) });
}

export async function connectBridge(page: Page, target: BridgeTarget): Promise<Bridge> {
  const records: IpcRecord[] = [];
  const copy = (value: unknown) =>
    value === undefined ? undefined : JSON.parse(JSON.stringify(value));
  await page.exposeBinding('__trayotpInvoke', async (_source, name: string, args: unknown[]) => {
    records.push({ direction: 'invoke', name, payload: copy(args) });
    const result = copy(await target.invoke(name, args));
    records.push({ direction: 'result', name, payload: result });
    return result;
  });
  await page.addInitScript(installApi, { methods: METHOD_NAMES, events: EVENT_NAMES });
  const unsubscribes = EVENT_NAMES.map((event) =>
    target.on(event, (payload) => {
      const data = copy(payload);
      records.push({ direction: 'event', name: event, payload: data });
      page
        .evaluate(
          ([name, value]) =>
            (
              window as unknown as { __trayotpDispatch?: (e: string, p: unknown) => void }
            ).__trayotpDispatch?.(name, value),
          [event, data] as const,
        )
        .catch(() => {
          // The page closed or is navigating; a real window would miss the event too.
        });
    }),
  );
  return {
    records,
    toWindow: () => records.filter((r) => r.direction !== 'invoke'),
    dispose: () => unsubscribes.forEach((off) => off()),
  };
}
