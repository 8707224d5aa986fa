// The kinds of one-time code and their hash algorithms, as the window and the views name them:
// the one list in ./otp-kinds.ts, which the core's account model uses too.
import { z } from 'zod';
import { ALGORITHMS, OTP_TYPES } from './otp-kinds';

export const otpType = z.enum(OTP_TYPES);
export const algorithm = z.enum(ALGORITHMS);
