// What TrayOTP does with an offset: apply it within the limit, refuse beyond it (a clock minutes
// off is broken and should be set right; a lying server cannot move codes further than this),
// and how an offset is said to a person.
import { CLOCK_LIMITS } from './limits';

export type Correction =
  { kind: 'apply'; offsetMs: number } | { kind: 'refuse'; offsetMs: number; message: string };

export function correctionFor(
  offsetMs: number,
  limitSeconds: number = CLOCK_LIMITS.maxCorrectionSeconds,
): Correction {
  if (Math.abs(offsetMs) <= limitSeconds * 1000) return { kind: 'apply', offsetMs };
  return {
    kind: 'refuse',
    offsetMs,
    message: `This computer's clock is ${describeOffset(offsetMs)}: more than TrayOTP corrects (${durationText(limitSeconds)}). Set the system clock right (turn on automatic date and time), then check again.`,
  };
}

/** "2.3 s fast", "2 min slow", "6 min 40 s slow", "on time": this computer against the server. */
export function describeOffset(offsetMs: number): string {
  const abs = Math.abs(offsetMs);
  const tenths = Math.round(abs / 100);
  if (tenths === 0) return 'on time';
  // A positive offset means the server is ahead: this computer's clock is slow.
  const direction = offsetMs > 0 ? 'slow' : 'fast';
  if (tenths < 100) return `${(tenths / 10).toFixed(1)} s ${direction}`;
  const total = Math.round(abs / 1000);
  const h = Math.floor(total / 3600);
  const min = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const parts = h > 0 ? [`${h} h`, `${min} min`] : min > 0 ? [`${min} min`] : [];
  if (s > 0 || parts.length === 0) parts.push(`${s} s`);
  return `${parts.join(' ')} ${direction}`;
}

function durationText(seconds: number): string {
  if (seconds % 60 === 0) return seconds === 60 ? '1 minute' : `${seconds / 60} minutes`;
  return `${seconds} seconds`;
}
