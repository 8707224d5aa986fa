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
import { HELP } from './commands/usage';
import type { CommandName } from './commands/usage';
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
  if (!name || name === '--help' || name === '-h') {
    // Asked for, the usage is the output; given nothing, it is the error message.
    (name ? io.stdout : io.stderr)(usageText());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-V') {
    io.stdout(`trayotp ${version}\n`);
    return 0;
  }
  if (name === 'help') return help(args[0], io);
  // `trayotp vault` alone: the actions, as the answer to "what can it do?".
  if (name === 'vault' && args.length === 0) {
    io.stderr(`${HELP.vault}\n`);
    return 2;
  }
  if (isCommand(name) && args.some((arg) => arg === '--help' || arg === '-h')) {
    return help(name, io);
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

function usageText(): string {
  return `usage:\n${commands.map((c) => `  ${c.usage}`).join('\n')}\n\ntrayotp help COMMAND (or COMMAND --help) tells more about one.\n`;
}

function isCommand(name: string): name is CommandName {
  return Object.hasOwn(HELP, name);
}

function help(topic: string | undefined, io: CliIo): number {
  if (topic === undefined) {
    io.stdout(usageText());
    return 0;
  }
  if (!isCommand(topic)) {
    io.stderr(
      `trayotp: there is no command "${displayText(topic)}"; the commands are ${commands.map((c) => c.name).join(', ')}\n`,
    );
    return 2;
  }
  io.stdout(`${HELP[topic]}\n`);
  return 0;
}
