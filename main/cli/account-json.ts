// The JSON shape of an account in every CLI output (ARCHITECTURE.md). The secret is printed only
// where the person asked for it; elsewhere it is masked, so a preview pasted into a bug report or
// left in a terminal's scrollback gives nothing away.
import type { Account } from '../otp/account';

export const MASKED_SECRET = '(hidden; add --show-secrets)';

export function accountJson(account: Account, options: { showSecret?: boolean } = {}) {
  return {
    type: account.type,
    issuer: account.issuer,
    name: account.name,
    secret: options.showSecret === false ? MASKED_SECRET : account.secret,
    algorithm: account.algorithm,
    digits: account.digits,
    // A TOTP account has no counter and an HOTP one no period: printing `counter: 0` for TOTP
    // would suggest a parameter that does not exist.
    ...(account.type === 'hotp' ? { counter: account.counter } : { period: account.period }),
  };
}
