// The 2FA Directory as Set up two-step sees it: its status (pulled when the view opens, then
// kept by main's 'directory' events, as a weekly refresh may land while it is open), the search
// and its results, and the changes the view makes (turn on or off, update now).
import { useEffect, useState } from 'react';
import type { RefObject } from 'react';
import type { DirectorySiteView, DirectoryStatus, Result } from '../../../../preload/contract';
import { api, call } from '../../lib/api';

/** `heading` takes the focus when the view opens. */
export function useDirectory(onChanged: () => void, heading: RefObject<HTMLHeadingElement | null>) {
  const [status, setStatus] = useState<DirectoryStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [text, setText] = useState('');
  const [category, setCategory] = useState('');
  const [found, setFound] = useState<{ sites: DirectorySiteView[]; total: number } | null>(null);

  // A background refresh (weekly) while the view is open.
  useEffect(() => api().on('directory', setStatus), []);

  useEffect(() => {
    heading.current?.focus();
    void call(() => api().directoryStatus()).then((result) => {
      if (result.ok) setStatus(result.value);
      else setError(result.error.message);
    });
  }, [heading]);

  const hasCopy = status?.enabled === true && status.fetchedAt !== null;
  useEffect(() => {
    if (!hasCopy) return;
    // Typing fast sends several searches; only the latest may fill the list.
    let stale = false;
    void call(() => api().directorySearch({ text, ...(category && { category }) })).then(
      (result) => {
        if (stale) return;
        if (result.ok) setFound(result.value);
        else setError(result.error.message);
      },
    );
    return () => {
      stale = true;
    };
  }, [hasCopy, status?.fetchedAt, text, category]);

  /** Runs a change; `changed`: it turned the directory on or off (account icons may change). */
  const change = async (run: () => Promise<Result<DirectoryStatus>>, changed = false) => {
    setBusy(true);
    setError(null);
    const result = await call(run);
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    setStatus(result.value);
    if (changed) onChanged();
  };

  return {
    status,
    hasCopy,
    error,
    busy,
    search: { text, setText, category, setCategory, found },
    change,
  };
}
