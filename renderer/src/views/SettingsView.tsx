// Settings: global shortcuts (recorded, checked for conflicts, registration failures shown),
// clipboard clearing, auto-lock, the fresh-code threshold, start at login, theme, passphrase.
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { AppState, HotkeyAction, Settings } from '../../../preload/contract';
import { BrowsersSection } from '../components/browser/BrowsersSection';
import { clockActions } from '../components/clock/clock-actions';
import { ClockCheckSettings } from '../components/clock/ClockCheckSettings';
import { ErrorMessage, Field, TextField } from '../components/Field';
import { SyncSection } from '../components/sync/SyncSection';
import { FollowSection } from '../components/follow/FollowSection';
import { HotkeyRecorder } from '../components/HotkeyRecorder';
import { useNotify } from '../components/Toasts';
import { acceleratorLabel } from '../lib/accelerator-label';
import { api, call } from '../lib/api';
import { HOTKEY_ACTION_LABELS, hotkeyProblemText } from '../lib/hotkey-problem';

const ACTIONS = (Object.keys(HOTKEY_ACTION_LABELS) as HotkeyAction[]).map((action) => ({
  action,
  label: HOTKEY_ACTION_LABELS[action],
}));

function HotkeyRow({
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

function NumberSetting({
  label,
  value,
  min,
  max,
  hint,
  onCommit,
  error,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  hint: string;
  onCommit: (value: number) => void;
  error?: string | undefined;
}) {
  const [text, setText] = useState(String(value));
  // A value saved elsewhere (or rejected by main) replaces what is typed.
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setText(String(value));
  }
  const commit = () => {
    const number = Number(text);
    if (text.trim() !== '' && Number.isInteger(number) && number !== value) onCommit(number);
  };
  return (
    <TextField
      label={label}
      type="number"
      min={min}
      max={max}
      value={text}
      hint={hint}
      error={error}
      onChange={(event) => setText(event.target.value)}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === 'Enter') commit();
      }}
    />
  );
}

function PassphraseForm({ state }: { state: AppState }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [error, setError] = useState<string | null>(null);
  const { toast } = useNotify();
  const keychainUsable = state.keychain.available && !state.keychain.weak;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!next && !keychainUsable) {
      setError('Without a usable system keychain the vault needs a passphrase.');
      return;
    }
    const result = await call(() => api().changePassphrase(current || undefined, next || null));
    if (!result.ok) setError(result.error.message);
    else {
      setCurrent('');
      setNext('');
      toast({ message: next ? 'Passphrase changed.' : 'Passphrase removed.' });
    }
  };
  return (
    <form onSubmit={submit} noValidate>
      {state.passphraseRequired && (
        <TextField
          label="Current passphrase"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(event) => setCurrent(event.target.value)}
        />
      )}
      <TextField
        label="New passphrase"
        type="password"
        autoComplete="new-password"
        value={next}
        onChange={(event) => setNext(event.target.value)}
        hint={keychainUsable ? 'Leave empty to unlock with the system keychain alone.' : undefined}
      />
      <ErrorMessage message={error} />
      <button type="submit">Change passphrase</button>
    </form>
  );
}

export function SettingsView({ state, onClose }: { state: AppState; onClose: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const { toast } = useNotify();
  const heading = useRef<HTMLHeadingElement>(null);
  const settings = state.settings;

  useEffect(() => {
    heading.current?.focus();
  }, []);

  const save = async (patch: Partial<Settings>): Promise<boolean> => {
    setError(null);
    setFieldErrors({});
    const result = await call(() => api().setSettings(patch));
    if (!result.ok) {
      setError(result.error.message);
      setFieldErrors(result.error.fields ?? {});
      return false;
    }
    toast({ message: 'Settings saved.', ms: 2_000 });
    return true;
  };

  return (
    <main className="view settings-view">
      <div className="view-header">
        <h1 ref={heading} tabIndex={-1}>
          Settings
        </h1>
        <button type="button" onClick={onClose}>
          Back
        </button>
      </div>
      <section aria-labelledby="hotkeys-title">
        <h2 id="hotkeys-title">Global shortcuts</h2>
        {ACTIONS.map(({ action, label }) => (
          <HotkeyRow key={action} action={action} label={label} state={state} save={save} />
        ))}
      </section>
      <section aria-labelledby="codes-title">
        <h2 id="codes-title">Codes</h2>
        <NumberSetting
          label="Clear the clipboard after (seconds)"
          value={settings.clipboardClearSeconds}
          min={0}
          max={600}
          hint="0 keeps the code until something else is copied."
          error={fieldErrors.clipboardClearSeconds}
          onCommit={(value) => void save({ clipboardClearSeconds: value })}
        />
        <NumberSetting
          label="Wait for a fresh code when fewer seconds remain than"
          value={settings.freshCodeSeconds}
          min={0}
          max={15}
          hint="The hotkey then types the next code instead of one about to expire."
          error={fieldErrors.freshCodeSeconds}
          onCommit={(value) => void save({ freshCodeSeconds: value })}
        />
      </section>
      <section aria-labelledby="security-title">
        <h2 id="security-title">Security</h2>
        <NumberSetting
          label="Lock after idle minutes"
          value={settings.autoLockMinutes}
          min={0}
          max={1440}
          hint="0 never locks by itself."
          error={fieldErrors.autoLockMinutes}
          onCommit={(value) => void save({ autoLockMinutes: value })}
        />
        <label className="check">
          <input
            type="checkbox"
            checked={settings.lockOnScreenLock}
            onChange={(event) => void save({ lockOnScreenLock: event.target.checked })}
          />
          Lock when the screen locks
        </label>
        <h3>Passphrase</h3>
        <PassphraseForm state={state} />
      </section>
      <section aria-labelledby="general-title">
        <h2 id="general-title">General</h2>
        <label className="check">
          <input
            type="checkbox"
            checked={settings.autoStart}
            onChange={(event) => void save({ autoStart: event.target.checked })}
          />
          Start TrayOTP when I log in
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={settings.directoryEnabled}
            onChange={(event) => void save({ directoryEnabled: event.target.checked })}
          />
          Download the 2FA Directory's site list (checked weekly; nothing about your accounts is
          sent; off deletes the copy)
        </label>
        <Field label="Theme">
          {(ids) => (
            <select
              {...ids}
              value={settings.theme}
              onChange={(event) => void save({ theme: event.target.value as Settings['theme'] })}
            >
              <option value="system">Follow the system</option>
              <option value="light">Light</option>
              <option value="dark">Dark</option>
            </select>
          )}
        </Field>
      </section>
      <ClockCheckSettings
        status={state.clock}
        onSetEnabled={clockActions.setEnabled}
        onSetHost={clockActions.setHost}
        onCheckNow={() => void clockActions.checkNow().then((message) => setError(message))}
        onSetCorrection={clockActions.setCorrection}
      />
      <BrowsersSection />
      <SyncSection />
      <FollowSection />
      <ErrorMessage message={error} />
    </main>
  );
}
