// What the window is shown of following: the state kept in the vault, and of a pending
// difference its labels, with ids main made up for the items it may tick (so neither a secret
// nor a hash of one reaches the window). Removed accounts are referred to by their id here,
// which the window knows already.
import { BACKUP_APPS } from '../../sync/backup-apps';
import type { BackupApp } from '../../sync/backup-apps';
import type { FollowDifference } from '../../sync/follow-diff';
import { fingerprint } from '../../sync/follow-diff';
import type { FollowPending, FollowStatus } from '../../../preload/views/follow';
import type { FollowState } from './follow-state';

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

/** Following on: what is kept, what is happening now, and what is offered (null: nothing). */
export function followingView(
  state: FollowState,
  now: Pick<FollowStatus, 'checking' | 'error' | 'pending'>,
): FollowStatus {
  return {
    state: 'following',
    folder: state.folder,
    app: appView(state.app),
    autoAdd: state.autoAdd,
    lastRead: state.lastRead && {
      file: state.lastRead.name,
      modifiedAt: state.lastRead.mtimeMs,
      readAt: state.lastRead.readAt,
    },
    ...now,
    lastMerge: state.lastMerge,
  };
}

export function appView(app: BackupApp) {
  return { id: app, label: BACKUP_APPS[app].label };
}

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
