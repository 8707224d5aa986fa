// Settings → Typing (issue 27): how the hotkey reaches other apps on this desktop. On Wayland
// the desktop approves TrayOTP once ("Typing allowed by the desktop") and Forget drops that
// approval, so the next press asks again. Where the desktop may not pass the global hotkey to
// TrayOTP, it says how to bind a desktop shortcut to `trayotp --type-code` instead.
import { useCallback, useEffect, useId, useState } from 'react';
import type { DesktopTypingView } from '../../../../preload/contract';
import { api, call } from '../../lib/api';
import { ErrorMessage } from '../Field';

const MODE_TEXT: Record<DesktopTypingView['mode'], string> = {
  keys: 'The hotkey types the code into the focused field.',
  portal:
    'The hotkey opens the account picker; after your choice TrayOTP types the code through the desktop, which asks you once to allow it.',
  copy: 'The hotkey copies the code for you to paste.',
};

export function DesktopTypingSection() {
  const id = useId();
  const [view, setView] = useState<DesktopTypingView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const apply = useCallback((result: Awaited<ReturnType<typeof pullView>>) => {
    if (result.ok) setView(result.value);
    else setError(result.error.message);
  }, []);

  useEffect(() => {
    let live = true;
    const pull = () => void pullView().then((result) => live && apply(result));
    pull();
    // A press that was just approved keeps an approval: the next state push shows it.
    const off = api().on('state', pull);
    return () => {
      live = false;
      off();
    };
  }, [apply]);

  if (!view) return error ? <ErrorMessage message={error} /> : null;
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Typing</h2>
      <p className="hint">{MODE_TEXT[view.mode]}</p>
      {view.note && <p className="hint">{view.note}</p>}
      {view.mode === 'portal' && (
        <div className="buttons">
          <span>{view.allowed ? 'Typing allowed by the desktop' : 'Not allowed yet'}</span>
          {view.allowed && (
            <button
              type="button"
              onClick={() =>
                void call(() => api().desktopTypingForget()).then((result) => apply(result))
              }
            >
              Forget
            </button>
          )}
        </div>
      )}
      {view.shortcutCommand && (
        <p className="hint">
          If the shortcut for “Type current code” does nothing, bind a shortcut in your
          desktop&apos;s keyboard settings to the command <code>{view.shortcutCommand}</code>.
        </p>
      )}
      <ErrorMessage message={error} />
    </section>
  );
}

const pullView = () => call(() => api().desktopTyping());
