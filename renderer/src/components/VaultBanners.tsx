// What the person must know about the vault file while using it, above the codes list: a backup
// that could not be written (until one succeeds), and a vault file older than its newest backup
// (a sync tool, a disk image or someone put an old copy back), with that backup offered.
import { useState } from 'react';
import type { AppState } from '../../../preload/contract';
import { api, call } from '../lib/api';
import { useNotify } from './Toasts';

function RollbackBanner({ rollback }: { rollback: NonNullable<AppState['rollback']> }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { toast } = useNotify();
  const when = rollback.backupSavedAt ? new Date(rollback.backupSavedAt).toLocaleString() : null;
  const restore = async () => {
    setBusy(true);
    setError(null);
    const result = await call(() => api().restoreBackup(rollback.backupRevision));
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    toast({
      message:
        'Restored the newer backup; unlock to see it.' +
        (result.value.keptAs ? ` The older file is kept as ${result.value.keptAs}.` : ''),
    });
  };
  const keep = async () => {
    setBusy(true);
    const result = await call(() => api().dismissRollback());
    setBusy(false);
    if (!result.ok) setError(result.error.message);
  };
  return (
    <section className="banner notice warning" aria-labelledby="rollback-title">
      <h2 id="rollback-title">This vault file is older than its newest backup</h2>
      <p>
        A backup{when ? ` saved ${when}` : ''} holds changes this file does not have. A sync tool, a
        restored disk image or another person may have put an old copy back: accounts added or
        changed since are missing here.
      </p>
      {error && <p className="field-error">{error}</p>}
      <div className="buttons">
        <button type="button" className="primary" disabled={busy} onClick={() => void restore()}>
          Restore the newer backup
        </button>
        <button type="button" disabled={busy} onClick={() => void keep()}>
          Keep this version
        </button>
      </div>
    </section>
  );
}

export function VaultBanners({ state }: { state: AppState }) {
  return (
    <>
      {state.backupProblem && (
        <section className="banner notice warning" aria-labelledby="backup-problem-title">
          <h2 id="backup-problem-title">Backup failed</h2>
          <p role="status">{state.backupProblem.message}</p>
        </section>
      )}
      {state.rollback && (
        <RollbackBanner key={state.rollback.backupRevision} rollback={state.rollback} />
      )}
    </>
  );
}
