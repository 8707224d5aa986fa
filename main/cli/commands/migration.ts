// trayotp migration URI|- [--uri-file FILE] [--json]: the accounts in a Google Authenticator
// export link (with their secrets: reading them out is what the command is for).
import { decodeMigrationUri } from '../../otp/migration';
import { accountJson } from '../account-json';
import { displayJson, displayText } from '../display';
import type { Command } from '../io';
import { readOneLink } from '../links';
import { USAGE } from './usage';

const usage = USAGE.migration;

export const migrationCommand: Command = {
  async run(args, io) {
    const { value: decoded, json } = await readOneLink(args, io, usage, decodeMigrationUri);
    const entries = decoded.accounts.map(({ account }) => accountJson(account));
    if (json) {
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
