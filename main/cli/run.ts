// The CLI's dispatcher: picks the command, turns every expected failure into one line on
// stderr with exit status 2. Anything else is a bug: exit 1, still without a stack trace
// unless TRAYOTP_DEBUG is set.
import { ImportError } from '../importers';
import { OtpError } from '../otp';
import { commands } from './commands';
import { CliError } from './io';
import type { CliIo } from './io';

/** Errors whose message is written for the person at the terminal. */
const userErrors: (abstract new (...args: never[]) => Error)[] = [CliError, OtpError, ImportError];

export function registerUserError(type: abstract new (...args: never[]) => Error): void {
  userErrors.push(type);
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(`usage:\n${commands.map((c) => `  ${c.usage}`).join('\n')}\n`);
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  try {
    if (!command) {
      throw new CliError(
        `unknown command "${name}"; try: ${commands.map((c) => c.name).join(', ')}`,
      );
    }
    await command.run(args, io);
    return 0;
  } catch (error) {
    if (userErrors.some((type) => error instanceof type)) {
      io.stderr(`trayotp: ${oneLine((error as Error).message)}\n`);
      return 2;
    }
    io.stderr(`trayotp: internal error: ${oneLine(String((error as Error)?.message ?? error))}\n`);
    if (io.env.TRAYOTP_DEBUG) io.stderr(`${(error as Error)?.stack}\n`);
    return 1;
  }
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
