#!/usr/bin/env node
// Launcher for the `trayotp` command line: runs the built CLI (out/main/cli.js).
import { existsSync } from 'node:fs';

const cli = new URL('../out/main/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('trayotp: the command line is not built yet; run `npm run build` first.\n');
  process.exit(2);
}
await import(cli.href);
