// What a command may touch of the outside world, passed in so tests can run commands in-process.
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Standard input, whole; rejects once more than maxBytes arrive (see ./input.ts). */
  stdin: (maxBytes: number) => Promise<Buffer>;
  env: Record<string, string | undefined>;
  /** Unix time in seconds; commands never read the clock themselves. */
  now: () => number;
  /** Questions on the terminal; absent when standard input is not one (a pipe, a script). */
  prompt?: TerminalPrompt | undefined;
}

/** Asks the person at the terminal (./terminal-prompt.ts in the real CLI, a script in tests). */
export interface TerminalPrompt {
  /**
   * The line typed after `question` (written to stderr); `hidden` does not echo it. Rejects
   * with CliError when the person cancels (Ctrl+C, or Ctrl+D on an empty line).
   */
  ask(question: string, options: { hidden: boolean }): Promise<string>;
}

/** Bad input: printed as one line `trayotp: <message>`, exit status 2, no stack trace. */
export class CliError extends Error {
  override readonly name = 'CliError';
}

/** A command's code, loaded only when it runs (./commands/index.ts lists names and usage). */
export interface Command {
  run: (args: string[], io: CliIo) => Promise<void>;
}

/** Thrown by a command that has reported its own failures (per file, say) and exits 2. */
export class CliFailed extends Error {
  override readonly name = 'CliFailed';
}
