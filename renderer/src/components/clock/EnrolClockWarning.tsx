// In the Enrol view, where a code that fails costs the site's 30-second window: the clock's
// uncorrected offset, said before the person types the code. Nothing when there is none.
import { useId } from 'react';
import './clock.css';
import { clockSentence, offsetAmount } from './offset-text';
import type { ClockWarning } from './types';

export function EnrolClockWarning({
  warning,
  onCorrect,
}: {
  warning: ClockWarning | null;
  /** Given when the codes can be corrected from here. */
  onCorrect?: (() => void) | undefined;
}) {
  const id = useId();
  if (!warning) return null;
  return (
    <section className="notice warning clock-enrol-warning" aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`}>
        <strong>{clockSentence(warning.offsetMs)}</strong>, so the site may refuse this code.
      </p>
      <p>
        {warning.correctable
          ? 'Correct the codes for it first, or set the system clock right.'
          : 'That is more than TrayOTP corrects: set the system clock right (turn on automatic date and time), then scan again.'}
      </p>
      {warning.correctable && onCorrect && (
        <div className="buttons">
          <button type="button" onClick={() => onCorrect()}>
            Correct codes by {offsetAmount(warning.offsetMs)}
          </button>
        </div>
      )}
    </section>
  );
}
