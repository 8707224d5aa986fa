// Every `trayotp` subcommand, in the order `trayotp --help` lists them. Each command's code is
// loaded only when it runs: `trayotp code` must not wait for image decoders, SQLite or libsodium
// (npm run bench:cli; tests/unit/cli/built-cli.test.ts checks what it loads).
import type { Command } from '../io';
import { USAGE } from './usage';

export interface CommandEntry {
  name: keyof typeof USAGE;
  usage: string;
  load: () => Promise<Command>;
}

export const commands: CommandEntry[] = [
  { name: 'code', usage: USAGE.code, load: async () => (await import('./code')).codeCommand },
  { name: 'parse', usage: USAGE.parse, load: async () => (await import('./parse')).parseCommand },
  {
    name: 'migration',
    usage: USAGE.migration,
    load: async () => (await import('./migration')).migrationCommand,
  },
  { name: 'scan', usage: USAGE.scan, load: async () => (await import('./scan')).scanCommand },
  {
    name: 'import-preview',
    usage: USAGE['import-preview'],
    load: async () => (await import('./import-preview')).importPreviewCommand,
  },
  {
    name: 'export',
    usage: USAGE.export,
    load: async () => (await import('./export')).exportCommand,
  },
  { name: 'vault', usage: USAGE.vault, load: async () => (await import('./vault')).vaultCommand },
  {
    name: 'time-check',
    usage: USAGE['time-check'],
    load: async () => (await import('./time-check')).timeCheckCommand,
  },
];
