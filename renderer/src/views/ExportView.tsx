// Export: an encrypted backup, Aegis files, Google-style QR codes or a plain otpauth list. The
// plain ones hold every secret readable by anyone who gets the file, so they need an explicit
// acknowledgement first.
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { ErrorMessage, TextField } from '../components/Field';
import { api, call } from '../lib/api';
import type { ExportKind as Kind } from '../../../preload/views/export-kind';

const KINDS: { kind: Kind; label: string; encrypted: boolean }[] = [
  { kind: 'trayotp', label: 'TrayOTP backup (encrypted)', encrypted: true },
  { kind: 'aegis-encrypted', label: 'Aegis vault (encrypted)', encrypted: true },
  { kind: 'aegis', label: 'Aegis vault (not encrypted)', encrypted: false },
  {
    kind: 'google-qr',
    label: 'QR codes for Google Authenticator (not encrypted)',
    encrypted: false,
  },
  { kind: 'otpauth', label: 'otpauth:// link list (not encrypted)', encrypted: false },
];

export function ExportView({
  onDone,
  onClose,
}: {
  onDone: (message: string) => void;
  onClose: () => void;
}) {
  const [kind, setKind] = useState<Kind>('trayotp');
  const [passphrase, setPassphrase] = useState('');
  const [acknowledged, setAcknowledged] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  const selected = KINDS.find((k) => k.kind === kind)!;

  useEffect(() => {
    first.current?.focus();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setFieldErrors({});
    if (selected.encrypted && !passphrase) {
      setFieldErrors({ passphrase: 'Choose a password for the exported file.' });
      return;
    }
    setBusy(true);
    const result = await call(() =>
      api().exportVault(kind, {
        ...(selected.encrypted ? { passphrase } : { acknowledgeUnencrypted: acknowledged }),
      }),
    );
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      setFieldErrors(result.error.fields ?? {});
    } else if (result.value) onDone(`Exported to ${result.value.path}`);
  };

  return (
    <main className="view export-view">
      <div className="view-header">
        <h1>Export</h1>
        <button type="button" onClick={onClose}>
          Back
        </button>
      </div>
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>Format</legend>
          {KINDS.map((option, i) => (
            <label className="check" key={option.kind}>
              <input
                ref={i === 0 ? first : undefined}
                type="radio"
                name="export-kind"
                value={option.kind}
                checked={kind === option.kind}
                onChange={() => {
                  setKind(option.kind);
                  setAcknowledged(false);
                }}
              />
              {option.label}
            </label>
          ))}
        </fieldset>
        {selected.encrypted ? (
          <TextField
            label="Password for the file"
            type="password"
            autoComplete="new-password"
            value={passphrase}
            onChange={(event) => setPassphrase(event.target.value)}
            error={fieldErrors.passphrase}
          />
        ) : (
          <div className="notice warning">
            <p>
              <strong>This file is not encrypted.</strong> Anyone who sees it — a backup service, a
              shared folder, a screenshot — can make your codes. Keep it offline and delete it once
              it has been imported.
            </p>
            <label className="check">
              <input
                type="checkbox"
                checked={acknowledged}
                onChange={(event) => setAcknowledged(event.target.checked)}
              />
              I understand the file holds my secrets unencrypted
            </label>
          </div>
        )}
        <ErrorMessage message={error} />
        <button
          type="submit"
          className="primary"
          disabled={busy || (!selected.encrypted && !acknowledged)}
        >
          Export…
        </button>
      </form>
    </main>
  );
}
