// "Connect <browser>?" (issue 16): a browser profile's first contact, shown over any view, the
// lock screen too. The six digits are big so the person compares them with the extension's;
// only Approve pairs. The prompt goes away by itself when the browser gives up or two minutes
// pass (browserPairingWithdrawn). Escape counts as Refuse.
import { useEffect, useRef, useState } from 'react';
import { api, call } from '../../lib/api';
import './browser.css';

interface Prompt {
  id: string;
  browser: string;
  code: string;
}

export function PairingPrompt() {
  const [prompts, setPrompts] = useState<Prompt[]>([]);
  const [error, setError] = useState<string | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const refuse = useRef<HTMLButtonElement>(null);
  const prompt = prompts[0];

  useEffect(() => {
    const offPrompt = api().on('browserPairingPrompt', (next) =>
      setPrompts((list) => [...list.filter((p) => p.id !== next.id), next]),
    );
    const offWithdrawn = api().on('browserPairingWithdrawn', ({ id }) =>
      setPrompts((list) => list.filter((p) => p.id !== id)),
    );
    return () => {
      offPrompt();
      offWithdrawn();
    };
  }, []);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (prompt && !element.open) {
      element.showModal();
      // Refuse has the focus: a stray Enter refuses; approving takes a deliberate choice.
      refuse.current?.focus();
    }
    if (!prompt && element.open) element.close();
  }, [prompt]);

  const answer = async (approve: boolean) => {
    if (!prompt) return;
    setError(null);
    const result = await call(() => api().browserPairingAnswer(prompt.id, approve));
    if (!result.ok) setError(result.error.message);
    setPrompts((list) => list.filter((p) => p.id !== prompt.id));
  };

  return (
    <dialog
      ref={dialog}
      className="pairing-prompt"
      aria-labelledby="pairing-title"
      aria-describedby="pairing-help"
      onCancel={(event) => {
        event.preventDefault();
        void answer(false);
      }}
    >
      {prompt && (
        <>
          <h2 id="pairing-title">Connect {prompt.browser}?</h2>
          <p id="pairing-help">
            The TrayOTP extension in this browser asks to fill codes. Approve only if the browser
            shows the same code:
          </p>
          <p className="pairing-code">{prompt.code}</p>
          <p className="hint">
            A connected browser gets codes only for sites you bound to an account, and only while
            TrayOTP is unlocked.
          </p>
          <div className="buttons">
            <button type="button" className="primary" onClick={() => void answer(true)}>
              Approve
            </button>
            <button ref={refuse} type="button" onClick={() => void answer(false)}>
              Refuse
            </button>
          </div>
        </>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </dialog>
  );
}
