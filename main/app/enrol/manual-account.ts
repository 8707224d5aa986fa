// The add-account form's input checked as an account, each error tied to the field it is about.
import type { ManualAccount } from '../../../preload/contract';
import { OtpError, toAccount } from '../../otp';
import type { Account, OtpErrorCode } from '../../otp';
import { AppError } from '../shared/user-errors';
import { secretAlphabetMessage } from './secret-message';

/** Field of the add-account form each validation error belongs to. */
const FIELD_OF: Partial<Record<OtpErrorCode, keyof ManualAccount>> = {
  'missing-secret': 'secret',
  'invalid-secret': 'secret',
  'secret-too-long': 'secret',
  'unknown-algorithm': 'algorithm',
  'invalid-digits': 'digits',
  'invalid-period': 'period',
  'missing-counter': 'counter',
  'invalid-counter': 'counter',
  'label-too-long': 'name',
  'missing-label': 'name',
  'unsupported-type': 'type',
};

export function manualAccount(input: ManualAccount): { account: Account; warnings: string[] } {
  if (input.secret.trim() === '') {
    throw new AppError('missing-secret', 'The account needs its secret key.', {
      secret: 'Type the secret key the site shows next to the QR code.',
    });
  }
  let validated;
  try {
    validated = toAccount({
      ...input,
      counter: input.type === 'hotp' ? input.counter : undefined,
      digits: input.type === 'steam' ? undefined : input.digits,
    });
  } catch (error) {
    if (!(error instanceof OtpError)) throw error;
    const field = FIELD_OF[error.code] ?? 'secret';
    const message =
      (error.code === 'invalid-secret' && secretAlphabetMessage(input.secret)) || error.message;
    throw new AppError(error.code, message, { [field]: message });
  }
  if (!validated.account.issuer && !validated.account.name) {
    const message = 'Give the account an issuer or a name, so you can tell it apart.';
    throw new AppError('missing-label', message, { issuer: message });
  }
  return validated;
}
