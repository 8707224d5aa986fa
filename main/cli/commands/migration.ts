// trayotp migration URI|- [--uri-file FILE] [--json]: the accounts in a Google Authenticator
// export link (with their secrets: reading them out is what the command is for).
import { decodeMigrationUri } from '../../otp/migration';
import { accountJson } from '../account-json';
import { parseCommandArgs } from '../args';
import { displayJson, displayText } from '../display';
import { CliError } from '../io';
import type { Command } from '../io';
import { parseEach, readLinks } from '../links';
import { USAGE } from './usage';

const usage = USAGE.migration;

export const migrationCommand: Command = {
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      { json: { type: 'boolean' }, 'uri-file': { type: 'string' } },
      usage,
    );
    const links = await readLinks(io, positionals, values['uri-file']);
    if (links.length !== 1) throw new CliError(`give exactly one URI; usage: ${usage}`);
    const [decoded] = parseEach(links, decodeMigrationUri);
    if (!decoded) throw new CliError(`give exactly one URI; usage: ${usage}`);
    const entries = decoded.accounts.map(({ account }) => accountJson(account));
    if (values.json) {
      const skipped = decoded.skipped.map(({ label, reason }) => ({ label, reason }));
      io.stdout(`${displayJson({ batch: decoded.batch, entries, skipped })}\n`);
      return;
    }
    for (const entry of entries) {
      io.stdout(`${displayText(entry.issuer)}\t${displayText(entry.name)}\t${entry.type}\n`);
    }
    for (const { label, reason } of decoded.skipped)
      io.stderr(`trayotp: skipped ${displayText(label)}: ${displayText(reason)}\n`);
  },
};
