// trayotp parse URI [--json]: the normalised account a key URI describes.
import { parseOtpUri } from '../../otp';
import type { Account } from '../../otp';
import { parseCommandArgs } from '../args';
import { CliError } from '../io';
import type { Command } from '../io';

const usage = 'trayotp parse URI [--json]';

export const parseCommand: Command = {
  name: 'parse',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } }, usage);
    if (positionals.length !== 1) throw new CliError(`give exactly one URI; usage: ${usage}`);
    const { account, warnings } = parseOtpUri(positionals[0]!);
    for (const warning of warnings) io.stderr(`trayotp: warning: ${warning}\n`);
    if (values.json) io.stdout(`${JSON.stringify(accountJson(account), null, 2)}\n`);
    else io.stdout(`${describe(account)}\n`);
  },
};

/** The JSON shape of an account in every CLI output (ARCHITECTURE.md). */
export function accountJson(account: Account) {
  return {
    type: account.type,
    issuer: account.issuer,
    name: account.name,
    secret: account.secret,
    algorithm: account.algorithm,
    digits: account.digits,
    period: account.period,
    counter: account.counter,
  };
}

function describe(account: Account): string {
  const rows = Object.entries(accountJson(account)).map(([key, value]) => `${key}: ${value}`);
  return rows.join('\n');
}
