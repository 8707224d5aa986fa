// The Edit view's "Advanced: code parameters": closed until opened, a sentence on what these are
// and what changing them does, one field per parameter the account's type has, and once any
// differs, the code main says the new ones give now with the "Use these parameters" the save
// needs. Values main refuses are said beside their field.
import { useEffect, useId, useRef } from 'react';
import { groupCode } from '../../lib/format';
import { Field, TextField } from '../Field';
import type { CodeParamsState } from './code-params';
import { paramKeys } from './code-params';
import './edit.css';

export function CodeParamsSection({ state }: { state: CodeParamsState }) {
  const id = useId();
  const details = useRef<HTMLDetailsElement>(null);
  const { saved, draft, preview, errors, changes } = state;

  useEffect(() => {
    if (state.focusInvalid === 0) return;
    details.current
      ?.querySelector<HTMLElement>('[aria-invalid="true"], .code-params-confirm input')
      ?.focus();
  }, [state.focusInvalid]);

  const keys = saved ? paramKeys(saved.type) : [];
  const hotp = saved?.type === 'hotp';
  const confirmId = `${id}-confirm`;

  return (
    <details
      ref={details}
      className="code-params"
      open={state.open}
      onToggle={(event) => state.setOpen(event.currentTarget.open)}
    >
      <summary>Advanced: code parameters</summary>
      <p className="hint">
        These must match what the site’s QR code said. Changing them changes every code this account
        gives: a site still expecting the old ones refuses the new codes.
      </p>
      {!draft ? (
        <p className="hint">{state.problem ?? 'Reading the saved parameters…'}</p>
      ) : (
        <>
          {keys.includes('algorithm') && (
            <Field label="Algorithm" error={errors.algorithm}>
              {(ids) => (
                <select
                  {...ids}
                  value={draft.algorithm}
                  onChange={(event) => state.set('algorithm', event.target.value)}
                >
                  <option value="SHA1">SHA-1</option>
                  <option value="SHA256">SHA-256</option>
                  <option value="SHA512">SHA-512</option>
                </select>
              )}
            </Field>
          )}
          {keys.includes('digits') && (
            <TextField
              label="Digits"
              inputMode="numeric"
              value={draft.digits}
              onChange={(event) => state.set('digits', event.target.value)}
              error={errors.digits}
            />
          )}
          {keys.includes('period') && (
            <TextField
              label="Period (seconds)"
              inputMode="numeric"
              value={draft.period}
              onChange={(event) => state.set('period', event.target.value)}
              error={errors.period}
            />
          )}
          {keys.includes('counter') && (
            <TextField
              label="Counter"
              inputMode="numeric"
              value={draft.counter}
              onChange={(event) => state.set('counter', event.target.value)}
              error={errors.counter}
              hint="The counter of the next code TrayOTP shows."
            />
          )}
          {changes && state.problem && <p className="field-error">{state.problem}</p>}
        </>
      )}
      <p className="code-params-preview" role="status">
        {changes && preview ? (
          <>
            With these parameters, the {hotp ? 'next code' : 'code now'} would be{' '}
            <span className="code-digits">{groupCode(preview.code)}</span>.
          </>
        ) : (
          ''
        )}
      </p>
      {changes && (
        <div className="code-params-confirm">
          <label className="check">
            <input
              type="checkbox"
              checked={state.confirmed}
              aria-invalid={Boolean(state.confirmError)}
              aria-describedby={state.confirmError ? confirmId : undefined}
              onChange={(event) => state.confirm(event.target.checked)}
            />
            Use these parameters
          </label>
          {state.confirmError && (
            <p className="field-error" id={confirmId}>
              {state.confirmError}
            </p>
          )}
        </div>
      )}
    </details>
  );
}
