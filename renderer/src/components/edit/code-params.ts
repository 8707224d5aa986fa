// The state of the Edit view's "Advanced: code parameters": the saved parameters (asked of main,
// which holds the secret), what the person typed, the code main says the typed ones give now,
// each field's refusal, and the explicit "Use these parameters" the save needs.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CodeParamsInput, CodePreview } from '../../../../preload/contract';
import { api, call } from '../../lib/api';

export type ParamKey = keyof CodeParamsInput;
export type ParamsDraft = Record<ParamKey, string>;

/** A TOTP preview is asked again this often, so the code shown is the one of now. */
const REFRESH_MS = 3_000;

/** Which fields an account of this type has: the ones that change its codes. */
export function paramKeys(type: CodePreview['type']): ParamKey[] {
  if (type === 'steam') return ['period'];
  if (type === 'hotp') return ['algorithm', 'digits', 'counter'];
  return ['algorithm', 'digits', 'period'];
}

export function draftOf(saved: CodePreview): ParamsDraft {
  return {
    algorithm: saved.algorithm,
    digits: String(saved.digits),
    period: String(saved.period),
    counter: String(saved.counter),
  };
}

/** The fields the person changed, as typed; undefined when none differs from the saved value. */
export function changedParams(
  saved: CodePreview | null,
  draft: ParamsDraft | null,
): CodeParamsInput | undefined {
  if (!saved || !draft) return undefined;
  const before = draftOf(saved);
  const changes: CodeParamsInput = {};
  for (const key of paramKeys(saved.type)) {
    if (draft[key].trim() !== before[key]) changes[key] = draft[key];
  }
  return Object.keys(changes).length > 0 ? changes : undefined;
}

export const CONFIRM_FIRST =
  'Tick “Use these parameters” to save them, or put the saved values back.';

export function useCodeParams(id: string) {
  const [saved, setSaved] = useState<CodePreview | null>(null);
  const [draft, setDraft] = useState<ParamsDraft | null>(null);
  const [preview, setPreview] = useState<CodePreview | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  /** Bumped when a refusal must be seen: the section opens and its first invalid field has focus. */
  const [focusInvalid, setFocusInvalid] = useState(0);
  const asked = useRef(0);

  // The saved parameters, from main (the window's account view has no algorithm or counter).
  useEffect(() => {
    let live = true;
    void call(() => api().previewCode(id, {})).then((result) => {
      if (!live) return;
      if (result.ok) {
        setSaved(result.value);
        setDraft(draftOf(result.value));
      } else setProblem(result.error.message);
    });
    return () => {
      live = false;
    };
  }, [id]);

  const changes = useMemo(() => changedParams(saved, draft), [saved, draft]);

  const ask = useCallback(
    async (params: CodeParamsInput) => {
      const ticket = ++asked.current;
      const result = await call(() => api().previewCode(id, params));
      if (ticket !== asked.current) return;
      if (result.ok) {
        setPreview(result.value);
        setErrors({});
        setProblem(null);
      } else {
        setPreview(null);
        setErrors(result.error.fields ?? {});
        setProblem(result.error.fields ? null : result.error.message);
      }
    },
    [id],
  );

  // A time-based code is asked again as time goes on (each change is asked at once, in set).
  useEffect(() => {
    if (!changes || saved?.type === 'hotp') return;
    const timer = setInterval(() => void ask(changes), REFRESH_MS);
    return () => clearInterval(timer);
  }, [changes, ask, saved?.type]);

  const set = (key: ParamKey, value: string) => {
    if (!draft) return;
    const next = { ...draft, [key]: value };
    setDraft(next);
    // The code shown is of the values before: it goes until main answers for the new ones.
    setPreview(null);
    // A confirmation is of the code shown: a new value needs a new one.
    setConfirmed(false);
    setConfirmError(null);
    const nextChanges = changedParams(saved, next);
    // Back at the saved values, an answer still on its way is for values no longer shown.
    if (nextChanges) void ask(nextChanges);
    else asked.current++;
  };

  return {
    saved,
    draft,
    preview: changes ? preview : null,
    errors: changes ? errors : {},
    problem,
    confirmed,
    confirmError,
    open,
    focusInvalid,
    changes,
    set,
    setOpen,
    confirm: (value: boolean) => {
      setConfirmed(value);
      if (value) setConfirmError(null);
    },
    /** Save was pressed with changed parameters and no confirmation. */
    requireConfirmation: () => {
      setOpen(true);
      setConfirmError(CONFIRM_FIRST);
      setFocusInvalid((n) => n + 1);
    },
    /** Main refused the saved parameters: beside their fields. */
    showErrors: (fields: Record<string, string>) => {
      setErrors(fields);
      setOpen(true);
      setFocusInvalid((n) => n + 1);
    },
  };
}

export type CodeParamsState = ReturnType<typeof useCodeParams>;
