// Adding an account: scan the screen, a region, an image file or the clipboard; paste an
// otpauth:// link; or type the secret. Scans come back as candidates held in main (the window
// sees labels only); the user picks which to add.
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { AccountView, ManualAccount, Result, ScanResult } from '../../../preload/contract';
import { ErrorMessage, Field, TextField } from '../components/Field';
import { IssuerSuggestion } from '../components/IssuerSuggestion';
import { api, call } from '../lib/api';
import { accountLabel } from '../lib/format';
import { plural } from '../lib/plural';

const EMPTY_FORM: ManualAccount = {
  type: 'totp',
  issuer: '',
  name: '',
  secret: '',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
};

function ScanPicker({
  scan,
  onAdded,
  onCancel,
}: {
  scan: ScanResult;
  onAdded: (added: AccountView[]) => void;
  onCancel: () => void;
}) {
  const [chosen, setChosen] = useState<Set<string>>(
    () => new Set(scan.candidates.filter((c) => !c.duplicateOf).map((c) => c.id)),
  );
  const [error, setError] = useState<string | null>(null);
  /** Candidates whose directory spelling of the issuer the person accepted. */
  const [renamed, setRenamed] = useState<Set<string>>(() => new Set());
  const add = async () => {
    // One decision, one save: each chosen candidate with the issuer the person accepted for it.
    const choices = [...chosen].map((candidateId) => {
      const candidate = scan.candidates.find((c) => c.id === candidateId);
      const issuer = renamed.has(candidateId) ? candidate?.suggestedIssuer : undefined;
      return { candidateId, ...(issuer && { issuer }) };
    });
    const result = await call(() => api().addScanned(scan.scanId, choices));
    if (!result.ok) return setError(result.error.message);
    onAdded(result.value.added);
  };
  return (
    <section className="scan-results" aria-labelledby="scan-results-title">
      <h2 id="scan-results-title">
        Found {scan.candidates.length} {scan.candidates.length === 1 ? 'code' : 'codes'}
      </h2>
      {scan.otherCodes > 0 && (
        <p className="hint">
          {scan.otherCodes} other QR {scan.otherCodes === 1 ? 'code was' : 'codes were'} ignored
          (not two-step codes).
        </p>
      )}
      <ul className="plain-list">
        {scan.candidates.map((candidate) => (
          <li key={candidate.id}>
            <label className="check">
              <input
                type="checkbox"
                checked={chosen.has(candidate.id)}
                onChange={(event) => {
                  const next = new Set(chosen);
                  if (event.target.checked) next.add(candidate.id);
                  else next.delete(candidate.id);
                  setChosen(next);
                }}
              />
              {candidate.kind === 'migration'
                ? `Google Authenticator export: ${plural(candidate.count, 'account')}`
                : accountLabel(candidate)}
              {candidate.duplicateOf && <span className="badge">already added</span>}
            </label>
            {candidate.kind === 'account' && candidate.suggestedIssuer && (
              <IssuerSuggestion
                issuer={candidate.issuer}
                suggestion={candidate.suggestedIssuer}
                accepted={renamed.has(candidate.id)}
                onChange={(accepted) => {
                  const next = new Set(renamed);
                  if (accepted) next.add(candidate.id);
                  else next.delete(candidate.id);
                  setRenamed(next);
                }}
              />
            )}
          </li>
        ))}
      </ul>
      <ErrorMessage message={error} />
      <div className="buttons">
        <button type="button" className="primary" disabled={chosen.size === 0} onClick={add}>
          Add {chosen.size === 1 ? 'account' : `${chosen.size} accounts`}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}

/** What a scan result means for the view: candidates to pick from, or a message; null when cancelled. */
function describeScan(
  result: Result<ScanResult | null>,
): { scan?: ScanResult; message?: string } | null {
  if (!result.ok) return { message: result.error.message };
  if (!result.value) return null;
  if (result.value.candidates.length > 0) return { scan: result.value };
  return {
    message:
      result.value.otherCodes > 0
        ? 'The QR codes found are not two-step codes. Try Scan a region around the right one.'
        : 'No QR code found. Try Scan a region, or paste the link or secret below.',
  };
}

export function AddView({
  pushedScan,
  onAdded,
  onEnrol,
  onClose,
  onSetup,
}: {
  /** What a scan started from the tray or the scan hotkey found. */
  pushedScan?: Result<ScanResult> | undefined;
  /** Added from a link or the form: back to the list, with this account selected. */
  onAdded: (account: AccountView, warnings: string[]) => void;
  /** Added from a scan: the enrolment view for the one account (or the list for several). */
  onEnrol: (added: AccountView[]) => void;
  onClose: () => void;
  /** Opens "Set up two-step": where each site keeps its two-step settings. */
  onSetup?: () => void;
}) {
  const [uri, setUri] = useState('');
  const [uriError, setUriError] = useState<string | null>(null);
  const [form, setForm] = useState<ManualAccount>(EMPTY_FORM);
  const [formError, setFormError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [scan, setScan] = useState<ScanResult | null>(null);
  const [scanMessage, setScanMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const firstButton = useRef<HTMLButtonElement>(null);
  const manualForm = useRef<HTMLFormElement>(null);
  /** Bumped after a refused form: the first field with an error takes the focus. */
  const [focusInvalid, setFocusInvalid] = useState(0);

  useEffect(() => {
    firstButton.current?.focus();
  }, []);
  useEffect(() => {
    if (focusInvalid === 0) return;
    const invalid = manualForm.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (invalid?.closest('details')) invalid.closest('details')!.open = true;
    invalid?.focus();
  }, [focusInvalid]);

  const showScan = (result: Result<ScanResult | null>) => {
    const shown = describeScan(result);
    if (shown?.scan) setScan(shown.scan);
    setScanMessage(shown?.message ?? null);
  };

  const runScan = async (run: () => Promise<Result<ScanResult | null>>) => {
    setBusy(true);
    setScanMessage(null);
    const result = await call(run);
    setBusy(false);
    showScan(result);
  };

  // A scan main ran before showing the window (tray menu, scan hotkey) arrives as a prop.
  const [shownPush, setShownPush] = useState<Result<ScanResult> | undefined>();
  if (pushedScan && pushedScan !== shownPush) {
    setShownPush(pushedScan);
    showScan(pushedScan);
  }

  const addUri = async (event: FormEvent) => {
    event.preventDefault();
    setUriError(null);
    const result = await call(() => api().addUri(uri.trim()));
    if (result.ok) onAdded(result.value.account, result.value.warnings);
    else setUriError(result.error.message);
  };

  const addManual = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    setFieldErrors({});
    const result = await call(() => api().addManual(form));
    if (result.ok) onAdded(result.value.account, result.value.warnings);
    else {
      const fields = result.error.fields ?? {};
      setFieldErrors(fields);
      // An error that belongs to a field is said once, beside it (the field gets the focus and
      // reads it out); only one that belongs to no field is said for the whole form.
      if (Object.keys(fields).length === 0) setFormError(result.error.message);
      else setFocusInvalid((n) => n + 1);
    }
  };

  const set = <K extends keyof ManualAccount>(key: K, value: ManualAccount[K]) =>
    setForm((f) => ({ ...f, [key]: value }));

  if (scan) {
    return (
      <main className="view add-view">
        <h1>Add account</h1>
        <ScanPicker
          scan={scan}
          onAdded={(added) => {
            setScan(null);
            onEnrol(added);
          }}
          onCancel={() => setScan(null)}
        />
      </main>
    );
  }

  return (
    <main className="view add-view">
      <div className="view-header">
        <h1>Add account</h1>
        <button type="button" onClick={onClose}>
          Back
        </button>
      </div>
      <section aria-labelledby="scan-title">
        <h2 id="scan-title">Scan a QR code</h2>
        <div className="button-grid">
          <button
            ref={firstButton}
            type="button"
            disabled={busy}
            onClick={() => runScan(() => api().scanScreen())}
          >
            Scan screen
          </button>
          <button type="button" disabled={busy} onClick={() => runScan(() => api().scanRegion())}>
            Scan a region
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() => runScan(() => api().scanImageFile())}
          >
            From image file
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() => runScan(() => api().scanClipboard())}
          >
            From clipboard image
          </button>
        </div>
        <p className="form-error" role="alert">
          {scanMessage ?? ''}
        </p>
        {onSetup && (
          <p className="hint">
            Not sure where a site keeps its two-step settings?{' '}
            <button type="button" className="link" onClick={onSetup}>
              Set up two-step…
            </button>
          </p>
        )}
      </section>
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
      <section aria-labelledby="manual-title">
        <h2 id="manual-title">Enter the secret</h2>
        <form ref={manualForm} onSubmit={addManual} noValidate>
          <TextField
            label="Issuer"
            value={form.issuer}
            onChange={(event) => set('issuer', event.target.value)}
            error={fieldErrors.issuer}
            placeholder="GitHub"
          />
          <TextField
            label="Account name"
            value={form.name}
            onChange={(event) => set('name', event.target.value)}
            error={fieldErrors.name}
            placeholder="alice@example.com"
          />
          <TextField
            label="Secret key"
            value={form.secret}
            onChange={(event) => set('secret', event.target.value)}
            error={fieldErrors.secret}
            spellCheck={false}
            autoComplete="off"
            hint="The letters and digits the site shows under the QR code."
          />
          <details>
            <summary>Advanced</summary>
            <Field label="Type" error={fieldErrors.type}>
              {(ids) => (
                <select
                  {...ids}
                  value={form.type}
                  onChange={(event) => set('type', event.target.value as ManualAccount['type'])}
                >
                  <option value="totp">Time-based (TOTP)</option>
                  <option value="hotp">Counter-based (HOTP)</option>
                  <option value="steam">Steam Guard</option>
                </select>
              )}
            </Field>
            <Field label="Algorithm" error={fieldErrors.algorithm}>
              {(ids) => (
                <select
                  {...ids}
                  value={form.algorithm}
                  onChange={(event) =>
                    set('algorithm', event.target.value as ManualAccount['algorithm'])
                  }
                >
                  <option value="SHA1">SHA-1</option>
                  <option value="SHA256">SHA-256</option>
                  <option value="SHA512">SHA-512</option>
                </select>
              )}
            </Field>
            <TextField
              label="Digits"
              type="number"
              value={form.digits}
              onChange={(event) => set('digits', Number(event.target.value))}
              error={fieldErrors.digits}
            />
            <TextField
              label="Period (seconds)"
              type="number"
              value={form.period}
              onChange={(event) => set('period', Number(event.target.value))}
              error={fieldErrors.period}
            />
            {form.type === 'hotp' && (
              <TextField
                label="Counter"
                type="number"
                value={form.counter}
                onChange={(event) => set('counter', Number(event.target.value))}
                error={fieldErrors.counter}
              />
            )}
          </details>
          <ErrorMessage message={formError} />
          <button type="submit" className="primary">
            Add account
          </button>
        </form>
      </section>
    </main>
  );
}
