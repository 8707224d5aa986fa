// An account's code parameters (algorithm, digits, period, HOTP counter) as the Edit view's
// "Advanced: code parameters" changes them. They go through the one gate every account passes
// (otp/validate.ts toAccount), so the Edit view accepts exactly what an import or the add form
// would; each refusal is tied to the field it is about. The preview gives the code the new
// parameters would give now, computed here: the window never receives the secret.
import type { CodeParamsInput, CodePreview } from '../../../preload/contract';
import { OtpError, codeFor, toAccount } from '../../otp';
import type { Account, OtpErrorCode } from '../../otp';
import { entryAccount } from '../../vault';
import type { Entry } from '../../vault';
import { AppError } from '../shared/user-errors';

type ParamField = keyof CodeParamsInput;

/** Field of the Advanced section each validation error belongs to. */
const FIELD_OF: Partial<Record<OtpErrorCode, ParamField>> = {
  'unknown-algorithm': 'algorithm',
  'invalid-digits': 'digits',
  'invalid-period': 'period',
  'missing-counter': 'counter',
  'invalid-counter': 'counter',
};

/**
 * The account with the parameters the person typed (absent ones as saved), checked by
 * toAccount. Throws an AppError naming the field on anything toAccount refuses.
 */
export function withParams(entry: Entry, input: CodeParamsInput): Account {
  const saved = entryAccount(entry);
  if (saved.type === 'hotp' && input.counter !== undefined && input.counter.trim() === '') {
    const message = 'Type the counter: the number the site expects the next code for.';
    throw new AppError('missing-counter', message, { counter: message });
  }
  let checked: Account;
  try {
    checked = toAccount({
      type: saved.type,
      issuer: saved.issuer,
      name: saved.name,
      secret: saved.secret,
      algorithm: input.algorithm ?? saved.algorithm,
      digits: input.digits ?? saved.digits,
      period: input.period ?? saved.period,
      counter: saved.type === 'hotp' ? (input.counter ?? saved.counter) : undefined,
    }).account;
  } catch (error) {
    if (!(error instanceof OtpError)) throw error;
    const field = FIELD_OF[error.code];
    throw new AppError(error.code, error.message, field ? { [field]: error.message } : undefined);
  }
  // Labels stay as saved: only the parameters come from here.
  return { ...saved, ...pickParams(checked) };
}

/** The parameters of an account, the four the Advanced section edits. */
export function pickParams(
  account: Account,
): Pick<Account, 'algorithm' | 'digits' | 'period' | 'counter'> {
  const { algorithm, digits, period, counter } = account;
  return { algorithm, digits, period, counter };
}

/**
 * The code `input`'s parameters give at `nowMs` (the corrected clock). HOTP: the code for the
 * counter, which is the next one the list would show; nothing is advanced or saved.
 */
export function previewParams(entry: Entry, input: CodeParamsInput, nowMs: number): CodePreview {
  const account = withParams(entry, input);
  const saved = entryAccount(entry);
  const params = pickParams(account);
  const before = pickParams(saved);
  return {
    type: account.type,
    ...params,
    code: codeFor(account, account.type === 'hotp' ? 0 : nowMs / 1000),
    changed: (Object.keys(params) as (keyof typeof params)[]).some(
      (key) => params[key] !== before[key],
    ),
  };
}
