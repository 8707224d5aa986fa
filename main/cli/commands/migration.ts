// trayotp migration URI [--json]: the accounts in a Google Authenticator export link.
import { decodeMigrationUri } from '../../otp';
import { parseCommandArgs } from '../args';
import { CliError } from '../io';
import type { Command } from '../io';
import { accountJson } from './parse';

const usage = 'trayotp migration URI [--json]';

export const migrationCommand: Command = {
  name: 'migration',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } }, usage);
    if (positionals.length !== 1) throw new CliError(`give exactly one URI; usage: ${usage}`);
    const decoded = decodeMigrationUri(positionals[0]!);
    const entries = decoded.accounts.map(({ account }) => accountJson(account));
    if (values.json) {
      const skipped = decoded.skipped.map(({ label, reason }) => ({ label, reason }));
      io.stdout(`${JSON.stringify({ batch: decoded.batch, entries, skipped }, null, 2)}\n`);
      return;
    }
    for (const entry of entries) io.stdout(`${entry.issuer}\t${entry.name}\t${entry.type}\n`);
    for (const { label, reason } of decoded.skipped)
      io.stderr(`trayotp: skipped ${label}: ${reason}\n`);
  },
};
