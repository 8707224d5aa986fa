// The Import view's steps: pick a file; give its password (and, for KeePass, a key file) if it
// has one; main opens it with progress and can be cancelled (the file stays picked, to try
// again); the preview's decisions (add, skip, replace, keep both; the directory's issuer); then
// confirm. Focus follows: the pick button first, the password when it is asked (again), the
// preview's heading when it comes.
import { useEffect, useState } from 'react';
import type { FormEvent, RefObject } from 'react';
import type { ImportPreview } from '../../../../preload/contract';
import { api, call } from '../../lib/api';

export type Action = 'add' | 'skip' | 'replace' | 'keep-both';

export interface Picked {
  importId: string;
  fileName: string;
  formatLabel: string;
}

function importedSummary({
  added,
  replaced,
  skipped,
}: {
  added: number;
  replaced: number;
  skipped: number;
}): string {
  return (
    `Imported ${added} ${added === 1 ? 'account' : 'accounts'}` +
    (replaced ? `, replaced ${replaced}` : '') +
    (skipped ? `, skipped ${skipped}` : '') +
    '.'
  );
}

export function useImport(
  onDone: (summary: string) => void,
  focus: {
    pickButton: RefObject<HTMLButtonElement | null>;
    passwordInput: RefObject<HTMLInputElement | null>;
    heading: RefObject<HTMLHeadingElement | null>;
  },
) {
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
  const { pickButton, passwordInput, heading } = focus;

  useEffect(() => {
    pickButton.current?.focus();
  }, [pickButton]);
  useEffect(() => {
    if (askPassword) passwordInput.current?.focus();
  }, [askPassword, passwordError, passwordInput]);
  useEffect(() => {
    if (preview) heading.current?.focus();
  }, [preview, heading]);

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
    onDone(importedSummary(result.value));
  };

  return {
    picked,
    askPassword,
    password,
    setPassword,
    passwordError,
    preview,
    actions,
    setActions,
    renamed,
    setRenamed,
    error,
    cancelled,
    busy,
    keyFile,
    pick,
    pickKeyFile,
    submitPassword,
    confirm,
  };
}
