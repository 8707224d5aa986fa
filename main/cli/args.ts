// Argument parsing shared by the commands: node:util parseArgs with errors turned into CliError.
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { CliError } from './io';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCommandArgs<T extends Options>(args: string[], options: T, usage: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    // Node's messages run to several sentences of advice; the first one says what is wrong.
    const first = (error as Error).message.split(/\.(\s|$)/)[0];
    throw new CliError(`${first}; usage: ${usage}`);
  }
}

export function parseUnixSeconds(value: string, flag: string): number {
  if (!/^-?\d+(\.\d+)?$/.test(value.trim())) {
    throw new CliError(`${flag} takes Unix time in seconds, not "${value}"`);
  }
  return Number(value);
}
