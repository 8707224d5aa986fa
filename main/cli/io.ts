// What a command may touch of the outside world, passed in so tests can run commands in-process.
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readFile: (path: string) => Promise<Buffer>;
  env: Record<string, string | undefined>;
  /** Unix time in seconds; commands never read the clock themselves. */
  now: () => number;
}

/** Bad input: printed as one line `trayotp: <message>`, exit status 2, no stack trace. */
export class CliError extends Error {
  override readonly name = 'CliError';
}

export interface Command {
  name: string;
  /** One line for `trayotp --help`. */
  usage: string;
  run: (args: string[], io: CliIo) => Promise<void>;
}
