// The IPC handler table: for every method of the contract, validate the arguments, call the
// handler (handlers.ts: a service call), validate (and so strip) the result, and wrap it: a
// value as { ok: true, value }, a user-facing error as { ok: false, error }. Electron-free, so the UI tests drive this same table through their
// bridge; register.ts binds it to ipcMain with the sender check.
import { z } from 'zod';
import { METHOD_NAMES, methods } from '../../preload/contract';
import type { MethodName, UserError } from '../../preload/contract';
import type { ServiceHandlers } from './handlers';

/** What main implements: one function per method, returning the plain value. */
export type Handlers = ServiceHandlers;

/** Turns a thrown error into a message for the person, or undefined for a bug. */
export type ErrorTranslator = (error: unknown) => UserError | undefined;

export class IpcArgumentError extends Error {
  override readonly name = 'IpcArgumentError';
}

export interface IpcTable {
  invoke(name: string, args: unknown[]): Promise<unknown>;
}

export function createIpcTable(
  handlers: Handlers,
  translate: ErrorTranslator,
  log: (message: string, error: unknown) => void = () => {},
): IpcTable {
  return {
    async invoke(name, args) {
      if (!(METHOD_NAMES as readonly string[]).includes(name)) {
        throw new IpcArgumentError(`unknown IPC method ${JSON.stringify(name)}`);
      }
      const method = methods[name as MethodName];
      const parsed = method.args.safeParse(args);
      if (!parsed.success) {
        throw new IpcArgumentError(`invalid arguments for ${name}: ${parsed.error.message}`);
      }
      const handler = handlers[name as MethodName] as (...a: unknown[]) => unknown;
      // Methods that return Result<T> report user errors in-band; the others reject.
      const returnsResult = method.result instanceof z.ZodDiscriminatedUnion;
      let value: unknown;
      try {
        value = await handler(...(parsed.data as unknown[]));
      } catch (error) {
        const userError = translate(error);
        if (!userError) log(`IPC ${name} failed`, error);
        if (!returnsResult)
          throw new Error(userError?.message ?? `${name} failed`, { cause: error });
        return {
          ok: false,
          error: userError ?? {
            code: 'internal',
            message: 'Something went wrong inside TrayOTP; your accounts are unchanged.',
          },
        };
      }
      // Parsing the result strips any field the contract does not list: a secret that slipped
      // into a view object never reaches the window.
      return method.result.parse(returnsResult ? { ok: true, value } : value);
    },
  };
}
