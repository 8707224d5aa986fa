// A test account: TOTP, SHA-1, 6 digits, 30 s, the RFC 6238 example secret; override what a test
// is about.
import type { Account } from '../../main/otp';

export function account(name: string, overrides: Partial<Account> = {}): Account {
  return {
    type: 'totp',
    issuer: 'Example',
    name,
    secret: 'JBSWY3DPEHPK3PXP',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    ...overrides,
  };
}
