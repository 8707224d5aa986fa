// trayotp code URI...|- [--uri-file FILE] [--at UNIX_SECONDS] [--offset SECONDS]: one code a line,
// in the order given; --offset is added to the time (a clock `trayotp time-check` found off). Imports the OTP modules it needs, not main/otp's index (which loads protobufjs).
import { codeFor } from '../../otp/generate';
import { parseOtpUri } from '../../otp/uri';
import { parseCommandArgs, parseOffsetSeconds, parseUnixSeconds } from '../args';
import { CliError } from '../io';
import type { Command } from '../io';
import { readLinks } from '../links';
import { USAGE } from './usage';

const usage = USAGE.code;

export const codeCommand: Command = {
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      { at: { type: 'string' }, offset: { type: 'string' }, 'uri-file': { type: 'string' } },
      usage,
    );
    const at = values.at === undefined ? io.now() : parseUnixSeconds(values.at, '--at');
    if (at < 0) throw new CliError('--at must not be before 1970');
    const offset = values.offset === undefined ? 0 : parseOffsetSeconds(values.offset);
    if (at + offset < 0) throw new CliError('--at with --offset must not be before 1970');
    const links = await readLinks(io, positionals, values['uri-file']);
    if (links.length === 0) throw new CliError(`no URI given; usage: ${usage}`);
    // Parse all first, so a bad URI late in the list prints nothing half-done.
    const accounts = links.map((uri) => parseOtpUri(uri).account);
    for (const account of accounts) io.stdout(`${codeFor(account, at + offset)}\n`);
  },
};
