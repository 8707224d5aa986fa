// Entry point of the `trayotp` command line (bin/trayotp.js loads the built copy of this file).
import { readProcessStdin } from './input';
import { runCli } from './run';

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdin: readProcessStdin,
  env: process.env,
  now: () => Date.now() / 1000,
});
