// Settings → Check the clock: opt-in checking (daily and after sleep), the server asked (shown,
// editable, the default named), Check now with the last result, and which correction the codes
// use: none, the measured offset, or seconds set by hand (within the limit).
import { useId, useState } from 'react';
import './clock.css';
import { ClockCorrection } from './ClockCorrection';
import { ClockServerForm } from './ClockServerForm';
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
  const [enabledError, setEnabledError] = useState<string | null>(null);
  const limit = status.limitSeconds;

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
      <ClockServerForm status={status} onSetHost={onSetHost} onCheckNow={onCheckNow} />
      <p role="status">
        {status.checking ? 'Checking the clock…' : lastCheckText(status.lastCheck)}
      </p>
      <ClockCorrection
        name={`${id}-correction`}
        status={status}
        onSetCorrection={onSetCorrection}
      />
      <p>
        {status.offsetInUseMs === 0
          ? "Codes use this computer's clock as it is."
          : `Codes use this computer's clock, corrected for its being ${preciseOffset(status.offsetInUseMs)}.`}
      </p>
    </section>
  );
}
