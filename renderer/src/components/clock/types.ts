// What the clock components are given: the shapes of main's ClockStatus and CodeHelpView
// (main/time/status.ts, main/time/code-help-view.ts; their zod schemas go into
// preload/contract.ts). Written out here because the renderer never imports main's code.

export type LastClockCheck =
  | {
      outcome: 'measured';
      at: number;
      host: string;
      offsetMs: number;
      uncertaintyMs: number;
      roundTripMs: number;
    }
  | {
      outcome: 'refused';
      at: number;
      host: string;
      offsetMs: number;
      uncertaintyMs: number;
      roundTripMs: number;
      message: string;
    }
  | { outcome: 'failed'; at: number; host: string; code: string; message: string };

export interface ClockWarning {
  offsetMs: number;
  residualMs: number;
  uncertaintyMs: number;
  host: string;
  at: number;
  correctable: boolean;
  message: string;
}

export type ClockCorrectionMode = 'off' | 'measured' | 'manual';

export interface ClockStatus {
  enabled: boolean;
  host: string;
  defaultHost: string;
  correction: ClockCorrectionMode;
  manualOffsetSeconds: number;
  measuredOffsetMs: number | null;
  offsetInUseMs: number;
  limitSeconds: number;
  warnSeconds: number;
  checking: boolean;
  lastCheck: LastClockCheck | null;
  warning: ClockWarning | null;
  banner: boolean;
}

export interface TimedCode {
  code: string;
  from: number;
  until: number;
}

export interface CodeHelp {
  type: 'totp' | 'hotp' | 'steam';
  algorithm: 'SHA1' | 'SHA256' | 'SHA512';
  digits: number;
  period: number;
  counter: number;
  offsetInUseMs: number;
  lastCheck: LastClockCheck | null;
  codes: { previous: TimedCode | null; current: TimedCode; next: TimedCode } | null;
  defaults: { code: string; differs: string[] } | null;
  hotp: { counter: number; code: string }[] | null;
}

/** An action the parent runs through the bridge: resolves to an error sentence, or null. */
export type Action<A extends unknown[] = []> = (...args: A) => Promise<string | null>;
