// Entry point of the `trayotp` command line (bin/trayotp.js loads the built copy of this file).
import { readProcessStdin } from './input';
import { runCli } from './run';
import { terminalPrompt } from './terminal-prompt';

// A reader that stops early (`trayotp vault list | head -1`) closes the pipe: that ends the
// output, as it does for other Unix tools, instead of Node's unhandled EPIPE stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdin: readProcessStdin,
  env: process.env,
  now: () => Date.now() / 1000,
  prompt: terminalPrompt(),
});
