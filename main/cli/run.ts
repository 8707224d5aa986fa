// The CLI's dispatcher: picks the command, loads its code, turns every expected failure into
// one line on stderr with exit status 2. Anything else is a bug: exit 1, still without a stack
// trace unless TRAYOTP_DEBUG is set. The error types come from their leaf modules, so the
// dispatcher itself loads no library.
import { version } from '../../package.json';
import { ImportError } from '../importers/errors';
import { OtpError } from '../otp/errors';
import { QrError } from '../qr/errors';
import { TimeCheckError } from '../time/errors';
import { commands } from './commands';
import { displayText } from './display';
import { CliError, CliFailed } from './io';
import type { CliIo } from './io';

/** Errors whose message is written for the person at the terminal. */
const userErrors: (abstract new (...args: never[]) => Error)[] = [
  CliError,
  OtpError,
  ImportError,
  QrError,
  TimeCheckError,
];

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    // Asked for, the usage is the output; given nothing, it is the error message.
    (name ? io.stdout : io.stderr)(`usage:\n${commands.map((c) => `  ${c.usage}`).join('\n')}\n`);
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-V') {
    io.stdout(`trayotp ${version}\n`);
    return 0;
  }
  const entry = commands.find((c) => c.name === name);
  try {
    if (!entry) {
      throw new CliError(
        `unknown command "${name}"; try: ${commands.map((c) => c.name).join(', ')}`,
      );
    }
    await (await entry.load()).run(args, io);
    return 0;
  } catch (error) {
    if (error instanceof CliFailed) return 2;
    if (userErrors.some((type) => error instanceof type)) {
      io.stderr(`trayotp: ${oneLine((error as Error).message)}\n`);
      return 2;
    }
    io.stderr(`trayotp: internal error: ${oneLine(String((error as Error)?.message ?? error))}\n`);
    if (io.env.TRAYOTP_DEBUG) io.stderr(`${(error as Error)?.stack}\n`);
    return 1;
  }
}

/** One line, terminal-safe: messages quote names and links from files. */
function oneLine(text: string): string {
  return displayText(text.replace(/\s*\n\s*/g, ' ').trim());
}
