// Argument parsing shared by the commands: node:util parseArgs with errors turned into CliError.
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { CLOCK_LIMITS } from '../time/limits';
import { CliError } from './io';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCommandArgs<T extends Options>(args: string[], options: T, usage: string) {
  try {
    return parseArgs({
      args: joinNegativeValues(args, options),
      options,
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    // Node's messages run to several sentences of advice; the first one says what is wrong.
    const first = (error as Error).message.split(/\.(\s|$)/)[0];
    throw new CliError(`${first}; usage: ${usage}`);
  }
}

/**
 * `--at -5` as `--at=-5`: parseArgs takes a value starting with `-` for an option and calls it
 * ambiguous, where the person plainly gave a (negative) number.
 */
function joinNegativeValues(args: string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const next = args[i + 1];
    const option = arg.startsWith('--') ? options[arg.slice(2)] : undefined;
    if (option?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

export function parseUnixSeconds(value: string, flag: string): number {
  if (!/^-?\d+(\.\d+)?$/.test(value.trim())) {
    throw new CliError(`${flag} takes Unix time in seconds, not "${value}"`);
  }
  return Number(value);
}

/**
 * --offset SECONDS: added to the time a code is computed for (as `trayotp time-check` measures
 * it: positive when this computer's clock is slow). Bounded as the app's correction is.
 */
export function parseOffsetSeconds(value: string): number {
  if (!/^[+-]?\d+(\.\d+)?$/.test(value.trim())) {
    throw new CliError(`--offset takes seconds (such as -120 or 45.5), not "${value}"`);
  }
  const seconds = Number(value);
  const limit = CLOCK_LIMITS.maxCorrectionSeconds;
  if (Math.abs(seconds) > limit) {
    throw new CliError(
      `--offset must be within ±${limit} seconds; a clock further off should be set right (turn on automatic date and time)`,
    );
  }
  return seconds;
}
