// The window is told whose clock is wrong (issue 22, G3): the engine's clock notice reaches the
// sync view while sync is on, and nothing of it while sync is off.
import { describe, expect, it } from 'vitest';
import { syncViewOf } from '../../../../main/app/sync/sync-view-of';
import { syncView } from '../../../../preload/views/sync';
import type { SyncStatus } from '../../../../main/sync';

const status: SyncStatus = {
  devices: [],
  lastMerge: undefined,
  problems: [],
  error: undefined,
  clockNotice: 'The clock of laptop is 60 minutes ahead. Set that computer’s clock right.',
};

const parts = {
  locked: false,
  status,
  lastMerge: null,
  error: undefined,
  joining: null,
  joined: null,
  invitation: null,
  suggestedName: 'desk',
};

describe('the clock notice in the sync view', () => {
  it('is shown while sync is on, and checks against the view schema', () => {
    const view = syncViewOf({
      ...parts,
      secrets: {
        device: 'abcdefghijklmnopqrstuvwxyz',
        name: 'desk',
        folder: '/tmp/sync',
        keys: [],
      } as never,
    });
    expect(view.clockNotice).toBe(status.clockNotice);
    expect(syncView.parse(view).clockNotice).toBe(status.clockNotice);
  });

  it('is not shown while sync is off', () => {
    expect(syncViewOf({ ...parts, secrets: undefined }).clockNotice).toBeNull();
  });
});
