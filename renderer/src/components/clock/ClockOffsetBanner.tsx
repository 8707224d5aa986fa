// Above the codes list when the last check found the clock more than 10 s off and the codes are
// not corrected for it: the measured figure, and the choices (correct the codes, check again,
// not now). Beyond the limit there is nothing to correct: it says to set the system clock right.
import { useId } from 'react';
import './clock.css';
import {
  clockSentence,
  offsetAmount,
  offsetPhrase,
  preciseOffset,
  timeOfDay,
  uncertaintyText,
} from './offset-text';
import type { ClockWarning } from './types';

export function ClockOffsetBanner({
  warning,
  offsetInUseMs,
  checking = false,
  onCorrect,
  onCheckAgain,
  onDismiss,
}: {
  warning: ClockWarning;
  /** The correction the codes use now (0: none). */
  offsetInUseMs: number;
  checking?: boolean;
  /** Apply the measured offset to the codes. */
  onCorrect: () => void;
  onCheckAgain: () => void;
  onDismiss: () => void;
}) {
  const id = useId();
  return (
    <section className="banner notice warning clock-banner" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{clockSentence(warning.offsetMs)}</h2>
      <p>
        Measured against {warning.host} at {timeOfDay(warning.at)}:{' '}
        {preciseOffset(warning.offsetMs)} ({uncertaintyText(warning.uncertaintyMs)}).
        {offsetInUseMs !== 0 &&
          ` Codes are corrected for ${offsetPhrase(offsetInUseMs)}, which leaves them ${offsetAmount(warning.residualMs)} off.`}
      </p>
      <p>
        {warning.correctable
          ? 'Sites may refuse the codes shown now. TrayOTP can correct its codes by the measured offset, or you can set the system clock right (turn on automatic date and time).'
          : withoutHeading(warning.message, clockSentence(warning.offsetMs))}
      </p>
      <div className="buttons">
        {warning.correctable && (
          <button type="button" className="primary" disabled={checking} onClick={() => onCorrect()}>
            Correct codes by {offsetAmount(warning.offsetMs)}
          </button>
        )}
        <button type="button" disabled={checking} onClick={() => onCheckAgain()}>
          {checking ? 'Checking…' : 'Check again'}
        </button>
        <button type="button" onClick={() => onDismiss()}>
          Not now
        </button>
      </div>
    </section>
  );
}

/**
 * main's refusal starts with the same sentence as the heading ("This computer's clock is 6 min
 * 40 s slow: more than TrayOTP corrects…"): under the heading, only what follows it.
 */
function withoutHeading(message: string, heading: string): string {
  if (!message.startsWith(`${heading}: `)) return message;
  const rest = message.slice(heading.length + 2);
  return `That is ${rest}`;
}
