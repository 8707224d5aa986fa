// The kinds of one-time code and their hash algorithms: one list for the core (main/otp/account.ts
// re-exports them) and the window's schemas (./otp.ts). No imports, so the command line's fast
// paths (`trayotp code`, `trayotp parse`) read it without loading zod.

export const OTP_TYPES = ['totp', 'hotp', 'steam'] as const;

export const ALGORITHMS = ['SHA1', 'SHA256', 'SHA512'] as const;
