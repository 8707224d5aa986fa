// Settings → Check the clock → Correct codes: none, by the measured offset, or by seconds set by
// hand (whole seconds within the limit; a clock further off should be set right instead).
import { useState } from 'react';
import { limitText, preciseOffset } from './offset-text';
import type { Action, ClockCorrectionMode, ClockStatus } from './types';

export function ClockCorrection({
  name,
  status,
  onSetCorrection,
}: {
  /** The radio group's name. */
  name: string;
  status: ClockStatus;
  onSetCorrection: Action<[mode: ClockCorrectionMode, manualOffsetSeconds?: number]>;
}) {
  const [manual, setManual] = useState(String(status.manualOffsetSeconds));
  const [correctionError, setCorrectionError] = useState<string | null>(null);
  const limit = status.limitSeconds;

  const correct = async (mode: ClockCorrectionMode) => {
    setCorrectionError(null);
    let seconds: number | undefined;
    if (mode === 'manual') {
      seconds = Number(manual);
      if (manual.trim() === '' || !Number.isInteger(seconds) || Math.abs(seconds) > limit) {
        setCorrectionError(
          `Give whole seconds from −${limit} to ${limit}; a clock further off should be set right instead.`,
        );
        return;
      }
    }
    const error = await (seconds === undefined
      ? onSetCorrection(mode)
      : onSetCorrection(mode, seconds));
    if (error) setCorrectionError(error);
  };

  return (
    <fieldset>
      <legend>Correct codes</legend>
      <label>
        <input
          type="radio"
          name={name}
          checked={status.correction === 'off'}
          onChange={() => void correct('off')}
        />
        Use this computer&apos;s clock as it is
      </label>
      <label>
        <input
          type="radio"
          name={name}
          checked={status.correction === 'measured'}
          disabled={status.measuredOffsetMs === null}
          onChange={() => void correct('measured')}
        />
        {status.measuredOffsetMs === null
          ? 'By the measured offset (check the clock first)'
          : `By the measured offset (${preciseOffset(status.measuredOffsetMs)})`}
      </label>
      <label>
        <input
          type="radio"
          name={name}
          checked={status.correction === 'manual'}
          onChange={() => void correct('manual')}
        />
        By hand:
        <input
          type="number"
          aria-label="Seconds to add to this computer's clock"
          min={-limit}
          max={limit}
          step={1}
          value={manual}
          onChange={(event) => setManual(event.currentTarget.value)}
        />
        seconds
        {status.correction === 'manual' && manual !== String(status.manualOffsetSeconds) && (
          <button type="button" onClick={() => void correct('manual')}>
            Apply
          </button>
        )}
      </label>
      <p className="hint">
        Positive when this computer&apos;s clock is slow. At most {limitText(limit)} either way; a
        clock further off should be set right (turn on automatic date and time).
      </p>
      {correctionError && <p className="field-error">{correctionError}</p>}
    </fieldset>
  );
}
