// Following a phone's backups: the status, pulled once and then kept by the followChanged
// events, and how its accounts and times are written.
import type { Result, TrayOtpApi } from '../../../../preload/contract';
import { useMainValue } from '../../hooks/useMainValue';
import { api } from '../../lib/api';

type Value<M extends keyof TrayOtpApi> =
  Awaited<ReturnType<TrayOtpApi[M]>> extends Result<infer T> ? T : never;

export type FollowStatus = Value<'followStatus'>;
export type FollowFolderChoice = NonNullable<Value<'followChooseFolder'>>;
export type FollowPending = NonNullable<FollowStatus['pending']>;

const pullFollowStatus = () => api().followStatus();

export function useFollowStatus(): [FollowStatus | null, (status: FollowStatus) => void] {
  return useMainValue('followChanged', pullFollowStatus);
}

/** "GitHub: alice", or whichever of the two there is. */
export function accountLabel(account: { issuer: string; name: string }): string {
  return [account.issuer, account.name].filter(Boolean).join(': ') || 'an account without a name';
}

export function timeText(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
