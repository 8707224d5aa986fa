// What the window is shown of a pending difference: labels, and ids main made up for the items
// it may tick (so neither a secret nor a hash of one reaches the window). Removed accounts are
// referred to by their id here, which the window knows already.
import type { FollowDifference } from '../../sync/follow-diff';
import { fingerprint } from '../../sync/follow-diff';
import type { FollowPending, FollowStatus } from '../../../preload/views/follow';

export const FOLLOW_OFF: FollowStatus = {
  state: 'off',
  folder: null,
  app: null,
  autoAdd: false,
  lastRead: null,
  checking: false,
  error: null,
  pending: null,
  lastMerge: null,
};

export function pendingView(
  file: string,
  difference: FollowDifference,
  idFor: (key: string) => string,
): FollowPending {
  return {
    file,
    added: difference.added.map((a) => ({
      id: idFor(`add:${fingerprint(a)}`),
      issuer: a.issuer,
      name: a.name,
      type: a.type,
    })),
    changed: difference.changed.map((c) => ({
      id: idFor(`change:${c.entryId}`),
      before: { issuer: c.before.issuer, name: c.before.name },
      after: { issuer: c.after.issuer, name: c.after.name },
    })),
    removed: difference.removed.map((r) => ({
      id: r.entryId,
      issuer: r.account.issuer,
      name: r.account.name,
    })),
  };
}
