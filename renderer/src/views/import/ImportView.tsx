// Import from another authenticator: pick a file, give its password if it has one, look at the
// preview (what will be added, what looks odd, what is already here and what to do with it),
// then confirm. Opening an encrypted file shows main's progress (which step, how far) and can be
// cancelled; a cancelled open leaves the file picked, to try again.
import { useRef } from 'react';
import { ErrorMessage } from '../../components/Field';
import { ProgressBar } from '../../components/ProgressBar';
import { useProgress } from '../../hooks/useProgress';
import { api } from '../../lib/api';
import { ImportPreviewSection } from './ImportPreviewSection';
import { PasswordForm } from './PasswordForm';
import { useImport } from './useImport';
import './import-view.css';

export function ImportView({
  onDone,
  onClose,
}: {
  onDone: (summary: string) => void;
  onClose: () => void;
}) {
  const pickButton = useRef<HTMLButtonElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const step = useImport(onDone, { pickButton, passwordInput, heading });
  const { picked, preview, busy } = step;
  const progress = useProgress();

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
      <button ref={pickButton} type="button" onClick={step.pick} disabled={busy}>
        {picked ? 'Choose another file' : 'Choose file…'}
      </button>
      {picked && (
        <p>
          <strong>{picked.fileName}</strong> — {picked.formatLabel}
        </p>
      )}
      {step.askPassword && picked && (
        <PasswordForm
          inputRef={passwordInput}
          formatLabel={picked.formatLabel}
          password={step.password}
          onPassword={step.setPassword}
          error={step.passwordError}
          keyFile={step.keyFile}
          onPickKeyFile={() => void step.pickKeyFile()}
          busy={busy}
          onSubmit={step.submitPassword}
        />
      )}
      <ProgressBar
        progress={busy && picked ? progress : null}
        label={picked ? `Opening ${picked.fileName}` : undefined}
        cancelLabel="Cancel import"
        onCancel={() => {
          if (picked) void api().importCancel(picked.importId);
        }}
      />
      {step.cancelled && <p role="status">Import cancelled; nothing was added.</p>}
      <ErrorMessage message={step.error} />
      {preview && (
        <ImportPreviewSection
          preview={preview}
          headingRef={heading}
          actions={step.actions}
          onActions={step.setActions}
          renamed={step.renamed}
          onRenamed={step.setRenamed}
          busy={busy}
          onConfirm={step.confirm}
        />
      )}
    </main>
  );
}
