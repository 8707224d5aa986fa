// Edit an account's labels, tags, sites and pin, and behind "Advanced" its code parameters
// (previewed and confirmed before they are saved); delete it from the bottom of the view (with
// undo, offered by the list's toast): Delete is not among the list's everyday actions.
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { AccountView } from '../../../preload/contract';
import { CodeParamsSection } from '../components/edit/CodeParamsSection';
import { useCodeParams } from '../components/edit/code-params';
import { ErrorMessage, TextField } from '../components/Field';
import { BindingMeanings } from '../components/sites/BindingMeanings';
import { SiteSuggestions } from '../components/sites/SiteSuggestions';
import { api, call } from '../lib/api';

export function parseTags(text: string): string[] {
  const tags = text
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);
  return [...new Set(tags)];
}

export function EditView({
  account,
  onSaved,
  onDelete,
  onClose,
  onCodeHelp,
}: {
  account: AccountView;
  onSaved: (account: AccountView) => void;
  onDelete: (account: AccountView) => void;
  onClose: () => void;
  /** "Code not accepted?": the codes around now, the parameters, HOTP's resync. */
  onCodeHelp?: ((account: AccountView) => void) | undefined;
}) {
  const [issuer, setIssuer] = useState(account.issuer);
  const [name, setName] = useState(account.name);
  const [tags, setTags] = useState(account.tags.join(', '));
  const [pinned, setPinned] = useState(account.pinned);
  const [sites, setSites] = useState(account.domains.join(', '));
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const first = useRef<HTMLInputElement>(null);
  const sitesField = useRef<HTMLInputElement>(null);
  const params = useCodeParams(account.id);

  useEffect(() => {
    first.current?.focus();
  }, []);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const changed = params.changes;
    // New code parameters are saved only once the person said so, beside their preview.
    if (changed && !params.confirmed) {
      params.requireConfirmation();
      return;
    }
    const result = await call(() =>
      api().updateAccount(account.id, {
        issuer,
        name,
        tags: parseTags(tags),
        pinned,
        domains: parseTags(sites),
        ...(changed && { params: changed }),
      }),
    );
    if (result.ok) onSaved(result.value);
    else {
      const fields = result.error.fields ?? {};
      setFieldErrors(fields);
      // A refused parameter is said beside its field (which gets the focus), not twice.
      if (['algorithm', 'digits', 'period', 'counter'].some((key) => key in fields)) {
        params.showErrors(fields);
      } else setError(result.error.message);
    }
  };

  return (
    <main className="view edit-view">
      <h1>Edit account</h1>
      <form onSubmit={save} noValidate>
        <TextField
          ref={first}
          label="Issuer"
          value={issuer}
          onChange={(event) => setIssuer(event.target.value)}
          error={fieldErrors.issuer}
        />
        <TextField
          label="Account name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={fieldErrors.name}
        />
        <TextField
          label="Tags"
          value={tags}
          onChange={(event) => setTags(event.target.value)}
          error={fieldErrors.tags}
          hint="Separate tags with commas; search finds accounts by tag."
        />
        <TextField
          ref={sitesField}
          label="Sites"
          value={sites}
          onChange={(event) => setSites(event.target.value)}
          error={fieldErrors.domains}
          hint="Where you sign in with this code, separated by commas: github.com is that address only; *.github.com is github.com and all its subdomains. The hotkey and the browser extension use them."
        />
        <BindingMeanings fieldItems={parseTags(sites)} />
        <SiteSuggestions
          suggested={account.suggestedDomains ?? []}
          fieldItems={parseTags(sites)}
          onAdd={(site) => {
            // Into the field only: the account is bound when the person saves.
            setSites((text) => [...parseTags(text), site].join(', '));
            // The button goes away with the suggestion; the field keeps the focus.
            sitesField.current?.focus();
          }}
        />
        <label className="check">
          <input
            type="checkbox"
            checked={pinned}
            onChange={(event) => setPinned(event.target.checked)}
          />
          Pin to the top of the list
        </label>
        <CodeParamsSection state={params} />
        <ErrorMessage message={error} />
        <div className="buttons">
          <button type="submit" className="primary">
            Save
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          {onCodeHelp && (
            <button type="button" onClick={() => onCodeHelp(account)}>
              Code not accepted?
            </button>
          )}
        </div>
      </form>
      <div className="edit-delete">
        <button type="button" className="danger" onClick={() => onDelete(account)}>
          Delete this account
        </button>
        <p className="hint">The list offers Undo for a few seconds after.</p>
      </div>
    </main>
  );
}
