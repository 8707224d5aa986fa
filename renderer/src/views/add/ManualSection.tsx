// Add → Enter the secret: issuer, account name and secret, and under Advanced the type,
// algorithm, digits, period and (HOTP) counter. Main checks it all; an error that belongs to a
// field is shown beside it, and the first such field takes the focus (opening Advanced if it
// is there).
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { AccountView, ManualAccount } from '../../../../preload/contract';
import { ErrorMessage, Field, TextField } from '../../components/Field';
import { api, call } from '../../lib/api';

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

/** The form's values and errors; kept by the view, so a scan in between loses none. */
export function useManualForm(onAdded: (account: AccountView, warnings: string[]) => void) {
  const [form, setForm] = useState<ManualAccount>(EMPTY_FORM);
  const [formError, setFormError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const formRef = useRef<HTMLFormElement>(null);
  /** Bumped after a refused form: the first field with an error takes the focus. */
  const [focusInvalid, setFocusInvalid] = useState(0);

  useEffect(() => {
    if (focusInvalid === 0) return;
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (invalid?.closest('details')) invalid.closest('details')!.open = true;
    invalid?.focus();
  }, [focusInvalid]);

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

  return { form, set, formError, fieldErrors, formRef, addManual };
}

export function ManualSection({
  form,
  set,
  formError,
  fieldErrors,
  formRef,
  addManual,
}: ReturnType<typeof useManualForm>) {
  return (
    <section aria-labelledby="manual-title">
      <h2 id="manual-title">Enter the secret</h2>
      <form ref={formRef} onSubmit={addManual} noValidate>
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
        <AdvancedFields form={form} set={set} fieldErrors={fieldErrors} />
        <ErrorMessage message={formError} />
        <button type="submit" className="primary">
          Add account
        </button>
      </form>
    </section>
  );
}

function AdvancedFields({
  form,
  set,
  fieldErrors,
}: Pick<ReturnType<typeof useManualForm>, 'form' | 'set' | 'fieldErrors'>) {
  return (
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
            onChange={(event) => set('algorithm', event.target.value as ManualAccount['algorithm'])}
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
  );
}
