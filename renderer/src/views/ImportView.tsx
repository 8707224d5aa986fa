// Import from another authenticator: pick a file, give its password if it has one, look at the
// preview (what will be added, what looks odd, what is already here and what to do with it),
// then confirm. Opening an encrypted file shows main's progress (which step, how far) and can be
// cancelled; a cancelled open leaves the file picked, to try again.
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { ImportPreview } from '../../../preload/contract';
import { ErrorMessage, TextField } from '../components/Field';
import { IssuerSuggestion } from '../components/IssuerSuggestion';
import { ProgressBar } from '../components/ProgressBar';
import { useProgress } from '../hooks/useProgress';
import { api, call } from '../lib/api';
import { accountLabel } from '../lib/format';

type Action = 'add' | 'skip' | 'replace' | 'keep-both';

interface Picked {
  importId: string;
  fileName: string;
  formatLabel: string;
}

export function ImportView({
  onDone,
  onClose,
}: {
  onDone: (summary: string) => void;
  onClose: () => void;
}) {
  const [picked, setPicked] = useState<Picked | null>(null);
  const [askPassword, setAskPassword] = useState(false);
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [actions, setActions] = useState<Record<number, Action>>({});
  /** Entries whose directory spelling of the issuer the person accepted. */
  const [renamed, setRenamed] = useState<Set<number>>(() => new Set());
  const [error, setError] = useState<string | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const [busy, setBusy] = useState(false);
  /** The name of the key file picked for this import (KeePass), if any. */
  const [keyFile, setKeyFile] = useState<string | null>(null);
  const progress = useProgress();
  const pickButton = useRef<HTMLButtonElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    pickButton.current?.focus();
  }, []);
  useEffect(() => {
    if (askPassword) passwordInput.current?.focus();
  }, [askPassword, passwordError]);
  useEffect(() => {
    if (preview) heading.current?.focus();
  }, [preview]);

  const loadPreview = async (importId: string, withPassword?: string) => {
    setBusy(true);
    setError(null);
    setCancelled(false);
    const result = await call(() => api().importPreview(importId, withPassword));
    setBusy(false);
    if (result.ok) {
      setAskPassword(false);
      setPreview(result.value);
      setActions(
        Object.fromEntries(
          result.value.entries.map((entry) => [entry.index, entry.duplicateOf ? 'skip' : 'add']),
        ),
      );
      return;
    }
    if (result.error.code === 'cancelled') {
      setCancelled(true);
      return;
    }
    if (result.error.code === 'password-required' || result.error.code === 'wrong-password') {
      setAskPassword(true);
      setPasswordError(result.error.code === 'wrong-password' ? result.error.message : null);
      return;
    }
    setError(result.error.message);
  };

  const pick = async () => {
    setError(null);
    const result = await call(() => api().importPickFile());
    if (!result.ok) return setError(result.error.message);
    if (!result.value) return; // cancelled
    setPicked(result.value);
    setKeyFile(null);
    setCancelled(false);
    setPreview(null);
    setPassword('');
    setPasswordError(null);
    if (result.value.encrypted) setAskPassword(true);
    else await loadPreview(result.value.importId);
  };

  // KeePass databases may need a key file beside (or instead of) the password; main reads it.
  const pickKeyFile = async () => {
    if (!picked) return;
    const result = await call(() => api().importPickKeyFile(picked.importId));
    if (!result.ok) return setError(result.error.message);
    if (result.value) setKeyFile(result.value.fileName);
  };

  const submitPassword = async (event: FormEvent) => {
    event.preventDefault();
    if (!picked) return;
    if (!password) {
      setPasswordError('Type the password the backup was made with.');
      return;
    }
    await loadPreview(picked.importId, password);
  };

  const confirm = async () => {
    if (!preview) return;
    setBusy(true);
    const decisions = preview.entries.map((entry) => ({
      index: entry.index,
      action: actions[entry.index] ?? 'skip',
      ...(entry.suggestedIssuer && renamed.has(entry.index) && { issuer: entry.suggestedIssuer }),
    }));
    const result = await call(() => api().importConfirm(preview.importId, decisions));
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    const { added, replaced, skipped } = result.value;
    onDone(
      `Imported ${added} ${added === 1 ? 'account' : 'accounts'}` +
        (replaced ? `, replaced ${replaced}` : '') +
        (skipped ? `, skipped ${skipped}` : '') +
        '.',
    );
  };

  const chosen = preview ? preview.entries.filter((e) => actions[e.index] !== 'skip').length : 0;

  return (
    <main className="view import-view">
      <div className="view-header">
        <h1>Import</h1>
        <button type="button" onClick={onClose}>
          Back
        </button>
      </div>
      <p className="hint">
        From Aegis, 2FAS, Google Authenticator, Bitwarden, andOTP, Ente, Proton, FreeOTP, LastPass,
        WinAuth, KeePass and others: choose the export file.
      </p>
      <button ref={pickButton} type="button" onClick={pick} disabled={busy}>
        {picked ? 'Choose another file' : 'Choose file…'}
      </button>
      {picked && (
        <p>
          <strong>{picked.fileName}</strong> — {picked.formatLabel}
        </p>
      )}
      {askPassword && picked && (
        <form onSubmit={submitPassword} noValidate>
          <TextField
            ref={passwordInput}
            label="Backup password"
            type="password"
            autoComplete="off"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            error={passwordError ?? undefined}
            hint="This file is encrypted; TrayOTP needs the password it was exported with."
          />
          {picked.formatLabel.startsWith('KeePass') && (
            <p>
              <button type="button" onClick={() => void pickKeyFile()} disabled={busy}>
                {keyFile ? 'Choose another key file…' : 'Key file…'}
              </button>{' '}
              {keyFile ? (
                <span role="status">Key file: {keyFile}</span>
              ) : (
                <span className="hint">Only if the database was made with one.</span>
              )}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy}>
            Open
          </button>
        </form>
      )}
      <ProgressBar
        progress={busy && picked ? progress : null}
        label={picked ? `Opening ${picked.fileName}` : undefined}
        cancelLabel="Cancel import"
        onCancel={() => {
          if (picked) void api().importCancel(picked.importId);
        }}
      />
      {cancelled && <p role="status">Import cancelled; nothing was added.</p>}
      <ErrorMessage message={error} />
      {preview && (
        <section aria-labelledby="preview-title">
          <h2 id="preview-title" ref={heading} tabIndex={-1}>
            {preview.entries.length} {preview.entries.length === 1 ? 'account' : 'accounts'} in this{' '}
            {preview.formatLabel} file
          </h2>
          <ul className="preview-list">
            {preview.entries.map((entry) => {
              const action = actions[entry.index] ?? 'add';
              const label = accountLabel(entry);
              return (
                <li key={entry.index} className="preview-entry">
                  <div className="preview-label">
                    <strong>{label}</strong>{' '}
                    <span className="badge">{entry.type.toUpperCase()}</span>
                    {entry.suggestedIssuer && (
                      <IssuerSuggestion
                        issuer={entry.issuer}
                        suggestion={entry.suggestedIssuer}
                        accepted={renamed.has(entry.index)}
                        onChange={(accepted) => {
                          const next = new Set(renamed);
                          if (accepted) next.add(entry.index);
                          else next.delete(entry.index);
                          setRenamed(next);
                        }}
                      />
                    )}
                    {entry.warnings.map((warning) => (
                      <p className="warning-text" key={warning}>
                        {warning}
                      </p>
                    ))}
                  </div>
                  {entry.duplicateOf ? (
                    <label className="inline-select">
                      Already in TrayOTP:
                      <select
                        aria-label={`What to do with ${label}, already in TrayOTP`}
                        value={action}
                        onChange={(event) =>
                          setActions({ ...actions, [entry.index]: event.target.value as Action })
                        }
                      >
                        <option value="skip">Skip</option>
                        <option value="replace">Replace</option>
                        <option value="keep-both">Keep both</option>
                      </select>
                    </label>
                  ) : (
                    <label className="check">
                      <input
                        type="checkbox"
                        checked={action === 'add'}
                        aria-label={`Import ${label}`}
                        onChange={(event) =>
                          setActions({
                            ...actions,
                            [entry.index]: event.target.checked ? 'add' : 'skip',
                          })
                        }
                      />
                      Import
                    </label>
                  )}
                </li>
              );
            })}
          </ul>
          {preview.skipped.length > 0 && (
            <>
              <h3>Cannot be imported</h3>
              <ul className="plain-list">
                {preview.skipped.map((skipped, i) => (
                  <li key={i}>
                    <strong>{skipped.label}</strong>: {skipped.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
          <button
            type="button"
            className="primary"
            onClick={confirm}
            disabled={busy || chosen === 0}
          >
            Import {chosen} {chosen === 1 ? 'account' : 'accounts'}
          </button>
        </section>
      )}
    </main>
  );
}
