// The one way a change reaches the window and the tray (issue 26): the state is read and pushed,
// one push at a time, so the last one pushed is never older than the last change. assembleApp
// calls it for every vault save and session change, settings change, clock change and the 2FA
// Directory's background refresh.
import type { AppState } from '../../../preload/contract';
import type { Logger } from '../ports/logger';
import type { AppEvents } from './app-events';

export interface StatePushDeps {
  read: () => Promise<AppState>;
  tray: { update(state: AppState): void };
  events: AppEvents;
  log: Logger;
}

/** Returns the push: it resolves once this change's state reached the tray and the window. */
export function statePusher(deps: StatePushDeps): () => Promise<void> {
  let pushing: Promise<void> = Promise.resolve();
  return () => {
    const push = pushing.then(async () => {
      const state = await deps.read();
      deps.tray.update(state);
      deps.events.emit('state', state);
    });
    pushing = push.catch(() => undefined);
    return push.catch((error: unknown) => deps.log.error('pushing the state to the window', error));
  };
}
