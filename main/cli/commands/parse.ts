// trayotp parse URI|- [--uri-file FILE] [--json]: the normalised account a key URI describes.
// Prints the secret: taking a link apart is what the person asked for.
import { parseOtpUri } from '../../otp/uri';
import type { Account } from '../../otp/account';
import { accountJson } from '../account-json';
import { displayJson, displayText } from '../display';
import type { Command } from '../io';
import { readOneLink } from '../links';
import { USAGE } from './usage';

const usage = USAGE.parse;

export const parseCommand: Command = {
  async run(args, io) {
    const { value: parsed, json } = await readOneLink(args, io, usage, parseOtpUri);
    const { account, warnings } = parsed;
    for (const warning of warnings) io.stderr(`trayotp: warning: ${displayText(warning)}\n`);
    if (json) io.stdout(`${displayJson(accountJson(account))}\n`);
    else io.stdout(`${describe(account)}\n`);
  },
};

function describe(account: Account): string {
  const rows = Object.entries(accountJson(account)).map(
    ([key, value]) => `${key}: ${displayText(String(value))}`,
  );
  return rows.join('\n');
}
