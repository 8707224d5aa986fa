// trayotp code URI... [--at UNIX_SECONDS]: one code a line, in the order given.
import { codeFor, parseOtpUri } from '../../otp';
import { parseCommandArgs, parseUnixSeconds } from '../args';
import { CliError } from '../io';
import type { Command } from '../io';

const usage = 'trayotp code URI... [--at UNIX_SECONDS]';

export const codeCommand: Command = {
  name: 'code',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { at: { type: 'string' } }, usage);
    if (positionals.length === 0) throw new CliError(`no URI given; usage: ${usage}`);
    const at = values.at === undefined ? io.now() : parseUnixSeconds(values.at, '--at');
    if (at < 0) throw new CliError('--at must not be before 1970');
    // Parse all first, so a bad URI late in the list prints nothing half-done.
    const accounts = positionals.map((uri) => parseOtpUri(uri).account);
    for (const account of accounts) io.stdout(`${codeFor(account, at)}\n`);
  },
};
