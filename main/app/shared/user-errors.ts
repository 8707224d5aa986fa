// Which thrown errors are meant for the person (their message is a sentence saying what to do)
// and which are bugs. The IPC table sends the first kind to the window as { ok: false, error }.
import type { UserError } from '../../../preload/contract';
import { ImportError } from '../../importers';
import { ExportWriteError } from '../../importers/export';
import { QrError } from '../../qr/errors';
import { CaptureError } from '../ports/capture';
import { OtpError } from '../../otp';
import { TimeCheckError } from '../../time/errors';
import { VaultError } from '../../vault';

/** An error raised by the app layer itself (a missing session, a refused request...). */
export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }
}

export function toUserError(error: unknown): UserError | undefined {
  if (error instanceof AppError) {
    return {
      code: error.code,
      message: error.message,
      ...(error.fields && { fields: error.fields }),
    };
  }
  if (
    error instanceof OtpError ||
    error instanceof ImportError ||
    error instanceof VaultError ||
    error instanceof QrError ||
    error instanceof CaptureError ||
    error instanceof TimeCheckError
  ) {
    return { code: error.code, message: error.message };
  }
  if (error instanceof ExportWriteError) return { code: 'export-write', message: error.message };
  return undefined;
}
