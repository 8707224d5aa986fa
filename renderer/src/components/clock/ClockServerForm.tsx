// Settings → Check the clock → the server asked for the time (shown, editable, the default
// named), Save server, Use the default, and Check now.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { TextField } from '../Field';
import type { Action, ClockStatus } from './types';

export function ClockServerForm({
  status,
  onSetHost,
  onCheckNow,
}: {
  status: ClockStatus;
  onSetHost: Action<[host: string]>;
  onCheckNow: () => void;
}) {
  const [host, setHost] = useState(status.host);
  const [hostError, setHostError] = useState<string | null>(null);

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

  return (
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
  );
}
