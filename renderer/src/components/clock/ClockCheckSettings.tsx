// Settings → Check the clock: opt-in checking (daily and after sleep), the server asked (shown,
// editable, the default named), Check now with the last result, and which correction the codes
// use: none, the measured offset, or seconds set by hand (within the limit).
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { TextField } from '../Field';
import './clock.css';
import { clockSentence, limitText, preciseOffset, timeOfDay, uncertaintyText } from './offset-text';
import type { Action, ClockCorrectionMode, ClockStatus, LastClockCheck } from './types';

function lastCheckText(last: LastClockCheck | null): string {
  if (!last) return 'Not checked yet.';
  const when = `Last check (${last.host}, ${timeOfDay(last.at)})`;
  switch (last.outcome) {
    case 'measured':
      return `${when}: ${clockSentence(last.offsetMs).replace(/^This/, 'this')} (${preciseOffset(last.offsetMs)}, ${uncertaintyText(last.uncertaintyMs)}).`;
    case 'refused':
      return `${when}: ${last.message}`;
    case 'failed':
      return `${when} failed: ${last.message}`;
  }
}

export function ClockCheckSettings({
  status,
  onSetEnabled,
  onSetHost,
  onCheckNow,
  onSetCorrection,
}: {
  status: ClockStatus;
  onSetEnabled: Action<[enabled: boolean]>;
  onSetHost: Action<[host: string]>;
  onCheckNow: () => void;
  onSetCorrection: Action<[mode: ClockCorrectionMode, manualOffsetSeconds?: number]>;
}) {
  const id = useId();
  const [host, setHost] = useState(status.host);
  const [hostError, setHostError] = useState<string | null>(null);
  const [manual, setManual] = useState(String(status.manualOffsetSeconds));
  const [correctionError, setCorrectionError] = useState<string | null>(null);
  const [enabledError, setEnabledError] = useState<string | null>(null);
  const limit = status.limitSeconds;

  const saveHost = async (value: string) => {
    setHostError(null);
    const error = await onSetHost(value);
    if (error) setHostError(error);
    else setHost(value.trim() === '' ? status.host : value);
  };
  const submitHost = (event: FormEvent) => {
    event.preventDefault();
    void saveHost(host);
  };
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
    <section className="clock-settings" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Check the clock</h2>
      <p className="hint">
        Codes depend on this computer&apos;s clock. TrayOTP can ask a web server for the time (one
        HTTPS request for its Date header; nothing about your accounts is sent) and correct its
        codes by up to {limitText(limit)}.
      </p>
      <label className="check">
        <input
          type="checkbox"
          checked={status.enabled}
          onChange={(event) => {
            setEnabledError(null);
            void onSetEnabled(event.currentTarget.checked).then((error) => {
              if (error) setEnabledError(error);
            });
          }}
        />
        Check once a day and after sleep
      </label>
      {enabledError && <p className="field-error">{enabledError}</p>}
      <form onSubmit={submitHost}>
        <TextField
          label="Server asked for the time"
          value={host}
          onChange={(event) => setHost(event.currentTarget.value)}
          spellCheck={false}
          autoComplete="off"
          error={hostError ?? undefined}
          hint={`An HTTPS server you trust. Default: ${status.defaultHost}.`}
        />
        <div className="buttons">
          <button type="submit" disabled={host === status.host}>
            Save server
          </button>
          {status.host !== status.defaultHost && (
            <button type="button" onClick={() => void saveHost(status.defaultHost)}>
              Use {status.defaultHost}
            </button>
          )}
          <button type="button" disabled={status.checking} onClick={() => onCheckNow()}>
            {status.checking ? 'Checking…' : 'Check now'}
          </button>
        </div>
      </form>
      <p role="status">
        {status.checking ? 'Checking the clock…' : lastCheckText(status.lastCheck)}
      </p>
      <fieldset>
        <legend>Correct codes</legend>
        <label>
          <input
            type="radio"
            name={`${id}-correction`}
            checked={status.correction === 'off'}
            onChange={() => void correct('off')}
          />
          Use this computer&apos;s clock as it is
        </label>
        <label>
          <input
            type="radio"
            name={`${id}-correction`}
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
            name={`${id}-correction`}
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
      <p>
        {status.offsetInUseMs === 0
          ? "Codes use this computer's clock as it is."
          : `Codes use this computer's clock, corrected for its being ${preciseOffset(status.offsetInUseMs)}.`}
      </p>
    </section>
  );
}
