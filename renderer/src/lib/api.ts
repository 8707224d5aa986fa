// The window's only door to the main process: the preload bridge on window.trayotp, typed from
// preload/contract.ts. A getter rather than a constant so tests that install the bridge with an
// init script and the real preload both work whatever the module evaluation order.
import type { Result, TrayOtpApi, UserError } from '../../../preload/contract';

export function api(): TrayOtpApi {
  return window.trayotp;
}

/** An error for results that failed outside the contract (the IPC call itself rejected). */
export function toUserError(error: unknown): UserError {
  return {
    code: 'internal',
    message:
      error instanceof Error && error.message
        ? `TrayOTP could not do that: ${error.message}`
        : 'TrayOTP could not do that; try again.',
  };
}

/** Calls a Result-returning method and turns a rejected promise into an error result too. */
export async function call<T>(run: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await run();
  } catch (error) {
    return { ok: false, error: toUserError(error) };
  }
}

/** call(), with a failure as its sentence: for views that show only the message. */
export async function attempt<T>(
  run: () => Promise<Result<T>>,
): Promise<{ ok: true; value: T } | { ok: false; message: string }> {
  const result = await call(run);
  return result.ok ? result : { ok: false, message: result.error.message };
}
