// Settings: global shortcuts (recorded, checked for conflicts, registration failures shown),
// clipboard clearing, auto-lock, the fresh-code threshold, start at login, theme, passphrase.
import { useEffect, useRef, useState } from 'react';
import type { AppState, HotkeyAction, Settings } from '../../../../preload/contract';
import { BrowsersSection } from '../../components/browser/BrowsersSection';
import { clockActions } from '../../components/clock/clock-actions';
import { ClockCheckSettings } from '../../components/clock/ClockCheckSettings';
import { ErrorMessage, Field } from '../../components/Field';
import { SyncSection } from '../../components/sync/SyncSection';
import { FollowSection } from '../../components/follow/FollowSection';
import { DesktopTypingSection } from '../../components/typing/DesktopTypingSection';
import { useNotify } from '../../components/Toasts';
import { api, call } from '../../lib/api';
import { HOTKEY_ACTION_LABELS } from '../../lib/hotkey-problem';
import { HotkeyRow } from './HotkeyRow';
import { NumberSetting } from './NumberSetting';
import { PassphraseForm } from './PassphraseForm';

const ACTIONS = (Object.keys(HOTKEY_ACTION_LABELS) as HotkeyAction[]).map((action) => ({
  action,
  label: HOTKEY_ACTION_LABELS[action],
}));

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
      <DesktopTypingSection />
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
