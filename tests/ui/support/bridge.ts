// Puts window.trayotp into a Playwright page, backed by anything that answers IPC the way main
// does: `invoke(name, args)` (main/ipc/table.ts's IpcTable over the real app, real-app.ts) and
// `on(event, listener)` for pushed events.
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

/**
 * Runs in the page before its scripts: the same shape preload/index.ts exposes. Kept as source
 * text (not a serialised function) so it runs unchanged whatever transpiles this file (tsx adds
 * name helpers to functions that would not exist in the page).
 */
function installApiScript(methods: readonly string[], events: readonly string[]): string {
  return `(() => {
  const methods = ${JSON.stringify(methods)};
  const events = ${JSON.stringify(events)};
  const listeners = new Map();
  const api = {};
  for (const name of methods) api[name] = (...args) => window.__trayotpInvoke(name, args);
  api.on = (event, listener) => {
    if (!events.includes(event)) throw new Error('unknown event ' + event);
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => { set.delete(listener); };
  };
  Object.defineProperty(window, '__trayotpDispatch', {
    value: (event, payload) => { for (const listener of listeners.get(event) ?? []) listener(payload); },
  });
  Object.defineProperty(window, 'trayotp', { value: Object.freeze(api) });
})();`;
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
  await page.addInitScript({ content: installApiScript(METHOD_NAMES, EVENT_NAMES) });
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
