// Every `trayotp` subcommand, in the order `trayotp --help` lists them.
import type { Command } from '../io';
import { codeCommand } from './code';
import { exportCommand } from './export';
import { importPreviewCommand } from './import-preview';
import { migrationCommand } from './migration';
import { parseCommand } from './parse';
import { scanCommand } from './scan';
import { vaultCommand } from './vault';

export const commands: Command[] = [
  codeCommand,
  parseCommand,
  migrationCommand,
  scanCommand,
  importPreviewCommand,
  exportCommand,
  vaultCommand,
];
