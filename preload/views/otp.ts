// The kinds of one-time code and their hash algorithms, as the window and the views name them.
// main/otp/account.ts keeps the core's own lists (OTP_TYPES, ALGORITHMS); the views main fills
// from an Account (main/time/code-help-view.ts) compile only while every core value is one of
// these.
import { z } from 'zod';

export const otpType = z.enum(['totp', 'hotp', 'steam']);
export const algorithm = z.enum(['SHA1', 'SHA256', 'SHA512']);
