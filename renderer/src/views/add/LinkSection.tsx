// Add → Paste a link: an otpauth:// link, added as it is (main reads and checks it).
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { AccountView } from '../../../../preload/contract';
import { TextField } from '../../components/Field';
import { api, call } from '../../lib/api';

/** The link typed so far and its error; kept by the view, so a scan in between loses neither. */
export function useLinkForm(onAdded: (account: AccountView, warnings: string[]) => void) {
  const [uri, setUri] = useState('');
  const [uriError, setUriError] = useState<string | null>(null);
  const addUri = async (event: FormEvent) => {
    event.preventDefault();
    setUriError(null);
    const result = await call(() => api().addUri(uri.trim()));
    if (result.ok) onAdded(result.value.account, result.value.warnings);
    else setUriError(result.error.message);
  };
  return { uri, setUri, uriError, addUri };
}

export function LinkSection({ uri, setUri, uriError, addUri }: ReturnType<typeof useLinkForm>) {
  return (
    <section aria-labelledby="link-title">
      <h2 id="link-title">Paste a link</h2>
      <form onSubmit={addUri} noValidate>
        <TextField
          label="otpauth:// link"
          value={uri}
          onChange={(event) => setUri(event.target.value)}
          placeholder="otpauth://totp/…"
          error={uriError ?? undefined}
          spellCheck={false}
          autoComplete="off"
        />
        <button type="submit" className="primary" disabled={!uri.trim()}>
          Add from link
        </button>
      </form>
    </section>
  );
}
