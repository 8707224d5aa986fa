// Settings → Security → Passphrase: change it, or remove it where the system keychain can keep
// the vault key alone.
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { AppState } from '../../../../preload/contract';
import { ErrorMessage, TextField } from '../../components/Field';
import { useNotify } from '../../components/Toasts';
import { api, call } from '../../lib/api';

export function PassphraseForm({ state }: { state: AppState }) {
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
