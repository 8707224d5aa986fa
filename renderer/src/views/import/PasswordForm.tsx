// The Import view's password step: the backup's password and, for KeePass, a key file.
import type { FormEvent, RefObject } from 'react';
import { TextField } from '../../components/Field';

export function PasswordForm({
  inputRef,
  formatLabel,
  password,
  onPassword,
  error,
  keyFile,
  onPickKeyFile,
  busy,
  onSubmit,
}: {
  inputRef: RefObject<HTMLInputElement | null>;
  formatLabel: string;
  password: string;
  onPassword: (password: string) => void;
  error: string | null;
  /** The key file picked, if any. */
  keyFile: string | null;
  onPickKeyFile: () => void;
  busy: boolean;
  onSubmit: (event: FormEvent) => void;
}) {
  return (
    <form onSubmit={onSubmit} noValidate>
      <TextField
        ref={inputRef}
        label="Backup password"
        type="password"
        autoComplete="off"
        value={password}
        onChange={(event) => onPassword(event.target.value)}
        error={error ?? undefined}
        hint="This file is encrypted; TrayOTP needs the password it was exported with."
      />
      {formatLabel.startsWith('KeePass') && (
        <p>
          <button type="button" onClick={onPickKeyFile} disabled={busy}>
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
  );
}
