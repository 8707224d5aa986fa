// Right after a scan the site is waiting for a code: show it large, with the seconds left,
// Copy and Type into page, and the next code in the last seconds so a slow typist can use it.
import { useEffect, useRef, useState } from 'react';
import type { AccountView, AppState, CodeView } from '../../../preload/contract';
import { clockActions } from '../components/clock/clock-actions';
import { EnrolClockWarning } from '../components/clock/EnrolClockWarning';
import { AccountIcon } from '../components/AccountIcon';
import { NEXT_CODE_SECONDS } from '../components/AccountRow';
import { CountdownRing } from '../components/CountdownRing';
import { useNotify } from '../components/Toasts';
import { api, call } from '../lib/api';
import { useNow } from '../lib/clock';
import { accountLabel, groupCode, secondsLeft } from '../lib/format';
import { plural } from '../lib/plural';
import './enrol-view.css';

export function EnrolView({
  account,
  code,
  onCopy,
  onDone,
  clock,
}: {
  account: AccountView;
  code: CodeView | undefined;
  /** The clock check's status: a clock off by more than a few seconds fails this code. */
  clock: AppState['clock'];
  onCopy: (account: AccountView) => void;
  onDone: () => void;
}) {
  const now = useNow();
  const { toast } = useNotify();
  const copyButton = useRef<HTMLButtonElement>(null);
  const [typing, setTyping] = useState(false);
  const left = code?.validUntil ? secondsLeft(code.validUntil, now) : null;

  useEffect(() => {
    copyButton.current?.focus();
  }, []);

  const type = async () => {
    setTyping(true);
    const result = await call(() => api().typeCode(account.id));
    setTyping(false);
    if (!result.ok) toast({ message: result.error.message });
    else if (!result.value.typed && result.value.copied) {
      toast({ message: 'Could not type into the page, so the code was copied: paste it there.' });
    }
  };

  return (
    <main className="view enrol-view">
      <div className="enrol-account">
        <AccountIcon
          issuer={account.issuer}
          name={account.name}
          icon={account.icon}
          siteName={account.siteName}
          size="large"
        />
        <h1>{accountLabel(account)}</h1>
      </div>
      <p className="hint">Added. Type this code where the site asks for it to finish setting up.</p>
      <EnrolClockWarning
        warning={clock.warning}
        onCorrect={
          clock.warning?.correctable
            ? () =>
                void clockActions.setCorrection('measured').then((m) => m && toast({ message: m }))
            : undefined
        }
      />
      <p className="big-code" aria-live="off">
        {code ? groupCode(code.code) : '··· ···'}
      </p>
      {left !== null && (
        <div className="enrol-time">
          <CountdownRing left={left} period={account.period} size="large" />
          <span>{plural(left, 'second')} left</span>
        </div>
      )}
      {left !== null && left <= NEXT_CODE_SECONDS && code?.next && (
        <p className="next-big">
          Next code: <span className="code-digits">{groupCode(code.next)}</span>
        </p>
      )}
      <div className="buttons">
        <button ref={copyButton} type="button" className="primary" onClick={() => onCopy(account)}>
          Copy
        </button>
        <button type="button" onClick={type} disabled={typing}>
          Type into page
        </button>
        <button type="button" onClick={onDone}>
          Done
        </button>
      </div>
    </main>
  );
}
