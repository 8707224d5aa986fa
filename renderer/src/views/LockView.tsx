// The lock screen and the first run's create-vault form. The wording says plainly what protects
// the key: the OS keychain, a passphrase, or both — and what it means when the keychain is
// missing or stores secrets unencrypted (Linux basic_text).
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { AppState } from '../../../preload/contract';
import { ErrorMessage, TextField } from '../components/Field';
import { ProgressBar } from '../components/ProgressBar';
import { useProgress } from '../hooks/useProgress';
import { api, call } from '../lib/api';
import { keychainName } from '../lib/keychain-name';
import './lock-view.css';

function KeychainNote({ keychain }: { keychain: AppState['keychain'] }) {
  if (!keychain.available) {
    return (
      <p className="notice warning">
        Your system keychain is not available, so TrayOTP cannot keep the vault key safe on its own.
        A passphrase protects it instead; you will type it each time you unlock.
      </p>
    );
  }
  if (keychain.weak) {
    return (
      <p className="notice warning">
        Your system keychain{named(keychain.backend)} stores secrets without encryption, so it
        cannot protect the vault key by itself. A passphrase protects it instead.
      </p>
    );
  }
  return (
    <p className="notice">
      The vault key is kept in your system keychain{named(keychain.backend)}.
    </p>
  );
}

/**
 * The vault file failed its checks (damage, a crash on a bad disk, an edit): say so, and offer
 * the backups that pass theirs. Restoring keeps the damaged file beside the vault.
 */
function DamagedView({ damage }: { damage: NonNullable<AppState['damage']> }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const restore = async (revision: number) => {
    setBusy(true);
    setError(null);
    const result = await call(() => api().restoreBackup(revision));
    setBusy(false);
    if (!result.ok) setError(result.error.message);
  };
  return (
    <main className="lock-view" aria-labelledby="damaged-title">
      <h1 id="damaged-title">The vault file is damaged</h1>
      <p className="notice warning">{damage.message}</p>
      {damage.backups.length === 0 ? (
        <p>No usable backup was found. Nothing was changed or deleted.</p>
      ) : (
        <>
          <p>
            Restore a backup: your accounts as they were when it was saved. The damaged file is kept
            beside the vault.
          </p>
          <ul className="backups">
            {damage.backups.map((backup, index) => (
              <li key={backup.revision}>
                <button
                  type="button"
                  className={index === 0 ? 'primary' : undefined}
                  disabled={busy}
                  onClick={() => void restore(backup.revision)}
                >
                  Restore the backup of {new Date(backup.savedAt).toLocaleString()}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <ErrorMessage message={error} />
    </main>
  );
}

export function LockView({ state }: { state: AppState }) {
  if (state.vault === 'damaged' && state.damage) return <DamagedView damage={state.damage} />;
  return <LockForm state={state} />;
}

function LockForm({ state }: { state: AppState }) {
  const creating = state.vault === 'none';
  const keychainUsable = state.keychain.available && !state.keychain.weak;
  const needsPassphrase = creating ? !keychainUsable : state.passphraseRequired;
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const progress = useProgress();
  const first = useRef<HTMLInputElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    (first.current ?? button.current)?.focus();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setFieldErrors({});
    if (creating && passphrase !== confirm) {
      setFieldErrors({ confirm: 'The two passphrases differ; type the same one twice.' });
      return;
    }
    if (needsPassphrase && !passphrase) {
      setFieldErrors({ passphrase: 'Type your passphrase.' });
      return;
    }
    setBusy(true);
    const result = await call(() =>
      creating ? api().createVault(passphrase || undefined) : api().unlock(passphrase || undefined),
    );
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      setFieldErrors(result.error.fields ?? {});
      first.current?.select();
    }
  };

  return (
    <main className="lock-view">
      <h1>{creating ? 'Create your vault' : 'TrayOTP is locked'}</h1>
      <KeychainNote keychain={state.keychain} />
      <form onSubmit={submit} noValidate>
        {(needsPassphrase || creating) && (
          <TextField
            ref={first}
            label={creating && !needsPassphrase ? 'Passphrase (optional)' : 'Passphrase'}
            type="password"
            autoComplete={creating ? 'new-password' : 'current-password'}
            value={passphrase}
            onChange={(event) => setPassphrase(event.target.value)}
            error={fieldErrors.passphrase}
            hint={
              creating && !needsPassphrase
                ? 'With a passphrase, TrayOTP asks for it at every unlock instead of using the keychain.'
                : undefined
            }
          />
        )}
        {creating && (needsPassphrase || passphrase) && (
          <TextField
            label="Passphrase again"
            type="password"
            autoComplete="new-password"
            value={confirm}
            onChange={(event) => setConfirm(event.target.value)}
            error={fieldErrors.confirm}
          />
        )}
        <ErrorMessage message={error} />
        <button ref={button} type="submit" className="primary" disabled={busy}>
          {creating ? 'Create vault' : 'Unlock'}
        </button>
        <ProgressBar progress={busy ? progress : null} label="Unlocking" />
      </form>
    </main>
  );
}

/** " (KDE Wallet)", or nothing when the backend is not known. */
function named(backend: string | null): string {
  const name = keychainName(backend);
  return name ? ` (${name})` : '';
}
