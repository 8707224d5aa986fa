// trayotp parse URI|- [--uri-file FILE] [--json]: the normalised account a key URI describes.
// Prints the secret: taking a link apart is what the person asked for.
import { parseOtpUri } from '../../otp/uri';
import type { Account } from '../../otp/account';
import { accountJson } from '../account-json';
import { parseCommandArgs } from '../args';
import { displayJson, displayText } from '../display';
import { CliError } from '../io';
import type { Command } from '../io';
import { parseEach, readLinks } from '../links';
import { USAGE } from './usage';

const usage = USAGE.parse;

export const parseCommand: Command = {
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      { json: { type: 'boolean' }, 'uri-file': { type: 'string' } },
      usage,
    );
    const links = await readLinks(io, positionals, values['uri-file']);
    if (links.length !== 1) throw new CliError(`give exactly one URI; usage: ${usage}`);
    const [parsed] = parseEach(links, parseOtpUri);
    if (!parsed) throw new CliError(`give exactly one URI; usage: ${usage}`);
    const { account, warnings } = parsed;
    for (const warning of warnings) io.stderr(`trayotp: warning: ${displayText(warning)}\n`);
    if (values.json) io.stdout(`${displayJson(accountJson(account))}\n`);
    else io.stdout(`${describe(account)}\n`);
  },
};

function describe(account: Account): string {
  const rows = Object.entries(accountJson(account)).map(
    ([key, value]) => `${key}: ${displayText(String(value))}`,
  );
  return rows.join('\n');
}
