// "Code not accepted?" for one account, opened from its Edit view: asks main for the codes
// around now (and HOTP's next ones), refreshes them as periods pass, and resyncs HOTP.
import { useEffect, useState } from 'react';
import type { AccountView } from '../../../preload/contract';
import { clockActions } from '../components/clock/clock-actions';
import { CodeNotAccepted } from '../components/clock/CodeNotAccepted';
import type { CodeHelp } from '../components/clock/types';
import { ErrorMessage } from '../components/Field';
import { api, call } from '../lib/api';
import { accountLabel } from '../lib/format';

export function CodeHelpView({ account, onClose }: { account: AccountView; onClose: () => void }) {
  const [help, setHelp] = useState<CodeHelp | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** Bumped to ask again (after a clock check). */
  const [version, setVersion] = useState(0);

  // Asked on open, and again when the current period ends: new codes either side of now.
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = () =>
      void call(() => api().codeHelp(account.id)).then((result) => {
        if (!live) return;
        if (!result.ok) return setError(result.error.message);
        setHelp(result.value);
        const until = result.value.codes?.current.until;
        if (until !== undefined) timer = setTimeout(ask, Math.max(0, until - Date.now()) + 50);
      });
    ask();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [account.id, version]);

  return (
    <main className="view code-help-view">
      <h1>{accountLabel(account)}</h1>
      {help ? (
        <CodeNotAccepted
          label={accountLabel(account)}
          help={help}
          onClose={onClose}
          onCheckClock={() =>
            void clockActions.checkNow().then((message) => {
              setError(message);
              setVersion((v) => v + 1);
            })
          }
          onResync={async (counter) => {
            const result = await call(() => api().hotpResync(account.id, counter));
            if (!result.ok) return result.error.message;
            setHelp(result.value);
            return null;
          }}
        />
      ) : (
        <p className="hint">Working out the codes…</p>
      )}
      <ErrorMessage message={error} />
    </main>
  );
}
