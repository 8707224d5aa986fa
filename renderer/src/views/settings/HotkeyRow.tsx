// Settings → Global shortcuts → one shortcut: its keys as the platform writes them, why it is
// not registered (if it is not), and Change shortcut: record new keys, hear from main whether
// they are free, then use them or cancel.
import { useRef, useState } from 'react';
import type { AppState, HotkeyAction, Settings } from '../../../../preload/contract';
import { HotkeyRecorder } from '../../components/HotkeyRecorder';
import { acceleratorLabel } from '../../lib/accelerator-label';
import { api, call } from '../../lib/api';
import { hotkeyProblemText } from '../../lib/hotkey-problem';
import './hotkey-row.css';

export function HotkeyRow({
  action,
  label,
  state,
  save,
}: {
  action: HotkeyAction;
  label: string;
  state: AppState;
  save: (patch: Partial<Settings>) => Promise<boolean>;
}) {
  const [recording, setRecording] = useState(false);
  const [candidate, setCandidate] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const changeButton = useRef<HTMLButtonElement>(null);
  const status = state.hotkeys.find((h) => h.action === action);
  const current = state.settings.hotkeys[action] ?? '';
  // Shortcuts are kept in Electron's syntax and shown as the platform writes them.
  const keys = (accelerator: string) => acceleratorLabel(accelerator, state.platform);

  const recorded = async (accelerator: string) => {
    setRecording(false);
    setCandidate(accelerator);
    setConflict(null);
    const result = await call(() => api().checkHotkey(accelerator));
    if (!result.ok) setConflict(result.error.message);
    else if (!result.value.available) {
      const { problem, conflict: sentence } = result.value;
      setConflict(
        problem
          ? hotkeyProblemText(problem, accelerator, state.platform)
          : (sentence ?? `${keys(accelerator)} is not available.`),
      );
    }
  };

  const keep = async () => {
    if (!candidate) return;
    if (await save({ hotkeys: { ...state.settings.hotkeys, [action]: candidate } })) {
      setCandidate(null);
      changeButton.current?.focus();
    }
  };

  const id = `hotkey-${action}`;
  return (
    <div className="hotkey-row" role="group" aria-labelledby={`${id}-label`}>
      <div className="hotkey-head">
        <span id={`${id}-label`} className="hotkey-label">
          {label}
        </span>
        <kbd>{current ? keys(current) : 'none'}</kbd>
      </div>
      {status && !status.registered && (status.problem || status.error) && (
        <p className="field-error">
          {status.problem
            ? hotkeyProblemText(status.problem, status.accelerator, state.platform)
            : status.error}
        </p>
      )}
      {recording ? (
        <HotkeyRecorder
          label={label}
          platform={state.platform}
          onRecorded={recorded}
          onCancel={() => setRecording(false)}
        />
      ) : candidate ? (
        <div className="hotkey-candidate">
          <p role="status">{conflict ?? `${keys(candidate)} is free.`}</p>
          <div className="buttons">
            <button type="button" className="primary" onClick={keep} disabled={Boolean(conflict)}>
              Use {keys(candidate)}
            </button>
            <button type="button" onClick={() => setCandidate(null)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <button ref={changeButton} type="button" onClick={() => setRecording(true)}>
          Change shortcut
        </button>
      )}
    </div>
  );
}
