// Argument parsing shared by the commands: node:util parseArgs with errors turned into CliError.
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { CliError } from './io';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCommandArgs<T extends Options>(args: string[], options: T, usage: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(`${(error as Error).message.replace(/\.$/, '')}; usage: ${usage}`);
  }
}

export function parseUnixSeconds(value: string, flag: string): number {
  if (!/^-?\d+(\.\d+)?$/.test(value.trim())) {
    throw new CliError(`${flag} takes Unix time in seconds, not "${value}"`);
  }
  return Number(value);
}
