// "Code not accepted?" for one account (from its menu): the clock the codes use, the codes either
// side of the current one, the parameters the QR code gave (and the code an app ignoring them
// would show), and for HOTP the next codes with a resync once the site accepts one.
import { useId, useState } from 'react';
import { groupCode } from '../../lib/format';
import './clock.css';
import { clockSentence, preciseOffset, timeOfDay } from './offset-text';
import type { Action, CodeHelp } from './types';

const ALGORITHM_NAMES = { SHA1: 'SHA-1', SHA256: 'SHA-256', SHA512: 'SHA-512' } as const;

function ClockPart({ help, onCheckClock }: { help: CodeHelp; onCheckClock?: () => void }) {
  const last = help.lastCheck;
  return (
    <>
      <p>
        {help.offsetInUseMs === 0
          ? "Codes use this computer's clock as it is."
          : `Codes use this computer's clock, corrected for its being ${preciseOffset(help.offsetInUseMs)}.`}{' '}
        {last?.outcome === 'measured' || last?.outcome === 'refused'
          ? `Last check (${last.host}, ${timeOfDay(last.at)}): ${clockSentence(last.offsetMs).replace(/^This/, 'this')}.`
          : 'A site refuses codes when the clocks differ by more than about 30 seconds.'}
      </p>
      {onCheckClock && (
        <div className="buttons">
          <button type="button" onClick={() => onCheckClock()}>
            Check the clock
          </button>
        </div>
      )}
    </>
  );
}

function HotpResync({
  candidates,
  onResync,
}: {
  candidates: { counter: number; code: string }[];
  onResync?: Action<[counter: number]> | undefined;
}) {
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const accept = async (counter: number) => {
    if (!onResync) return;
    setError(null);
    const problem = await onResync(counter);
    if (problem) setError(problem);
    else setDone(`Done: the next code shown will be counter ${counter + 1}'s.`);
  };
  return (
    <>
      <p>
        The site may be further on than TrayOTP (codes used on another device, or shown here and not
        typed). Try these in turn; when the site accepts one, press its button.
      </p>
      <ol>
        {candidates.map(({ counter, code }) => (
          <li key={counter}>
            <span className="code-digits">{groupCode(code)}</span>
            <span className="hint">counter {counter}</span>
            {onResync && (
              <button
                type="button"
                aria-label={`Accepted: counter ${counter}`}
                onClick={() => void accept(counter)}
              >
                Accepted
              </button>
            )}
          </li>
        ))}
      </ol>
      <p role="status">{done ?? ''}</p>
      {error && <p className="field-error">{error}</p>}
    </>
  );
}

export function CodeNotAccepted({
  label,
  help,
  onClose,
  onCheckClock,
  onResync,
}: {
  /** The account as the list shows it ("GitHub (alice)"). */
  label: string;
  help: CodeHelp;
  onClose: () => void;
  onCheckClock?: () => void;
  /** HOTP: the site accepted the code of this counter; main stores counter + 1. */
  onResync?: Action<[counter: number]>;
}) {
  const id = useId();
  const codes = help.codes;
  return (
    <section className="code-help" aria-labelledby={`${id}-title`}>
      <div className="code-help-head">
        <h2 id={`${id}-title`}>Code not accepted?</h2>
        <button type="button" onClick={() => onClose()}>
          Close
        </button>
      </div>
      <p className="hint">{label}</p>

      {help.type !== 'hotp' && (
        <>
          <h3>Clock</h3>
          <ClockPart help={help} {...(onCheckClock ? { onCheckClock } : {})} />
        </>
      )}

      {codes && (
        <>
          <h3>Codes either side</h3>
          <p>A site whose clock is a little off accepts the code before or after this one.</p>
          <dl>
            {codes.previous && (
              <>
                <dt>Previous (until {timeOfDay(codes.previous.until)})</dt>
                <dd className="code-digits">{groupCode(codes.previous.code)}</dd>
              </>
            )}
            <dt>Now</dt>
            <dd className="code-digits">{groupCode(codes.current.code)}</dd>
            <dt>Next (from {timeOfDay(codes.next.from)})</dt>
            <dd className="code-digits">{groupCode(codes.next.code)}</dd>
          </dl>
        </>
      )}

      <h3>What the QR code said</h3>
      <dl>
        <dt>Type</dt>
        <dd>
          {help.type === 'hotp'
            ? 'HOTP (counter)'
            : help.type === 'steam'
              ? 'Steam Guard'
              : 'TOTP (time)'}
        </dd>
        {help.type !== 'steam' && (
          <>
            <dt>Algorithm</dt>
            <dd>{ALGORITHM_NAMES[help.algorithm]}</dd>
            <dt>Digits</dt>
            <dd>{help.digits}</dd>
          </>
        )}
        {help.type === 'hotp' ? (
          <>
            <dt>Counter</dt>
            <dd>{help.counter}</dd>
          </>
        ) : (
          <>
            <dt>Period</dt>
            <dd>{help.period} seconds</dd>
          </>
        )}
      </dl>
      {help.defaults && (
        <p>
          The QR code asked for {help.defaults.differs.join(', ')}. Some sites write that but check
          SHA-1, 6-digit, 30-second codes: with those, the code now is{' '}
          <span className="code-digits">{groupCode(help.defaults.code)}</span>. If the site accepts
          it, set those under Edit → Advanced: code parameters.
        </p>
      )}

      {help.hotp && (
        <>
          <h3>Resync the counter</h3>
          <HotpResync candidates={help.hotp} onResync={onResync} />
        </>
      )}
    </section>
  );
}
