// Following a phone's backups, over the bridge: the status, pulled once and then kept by the
// followChanged events, and each call's error as a sentence.
import { useEffect, useState } from 'react';
import type { Result, TrayOtpApi } from '../../../../preload/contract';
import { api, call } from '../../lib/api';

type Value<M extends keyof TrayOtpApi> =
  Awaited<ReturnType<TrayOtpApi[M]>> extends Result<infer T> ? T : never;

export type FollowStatus = Value<'followStatus'>;
export type FollowFolderChoice = NonNullable<Value<'followChooseFolder'>>;
export type FollowPending = NonNullable<FollowStatus['pending']>;

export function useFollowStatus(): [FollowStatus | null, (status: FollowStatus) => void] {
  const [status, setStatus] = useState<FollowStatus | null>(null);
  useEffect(() => {
    let live = true;
    const off = api().on('followChanged', (next) => {
      if (live) setStatus(next);
    });
    void call(() => api().followStatus()).then((result) => {
      if (live && result.ok) setStatus(result.value);
    });
    return () => {
      live = false;
      off();
    };
  }, []);
  return [status, setStatus];
}

/** The error sentence, or the value. */
export async function run<T>(
  action: () => Promise<Result<T>>,
): Promise<{ ok: true; value: T } | { ok: false; message: string }> {
  const result = await call(action);
  return result.ok ? result : { ok: false, message: result.error.message };
}

/** "GitHub: alice", or whichever of the two there is. */
export function accountLabel(account: { issuer: string; name: string }): string {
  return [account.issuer, account.name].filter(Boolean).join(': ') || 'an account without a name';
}

export function timeText(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
