// Questions at the terminal: a passphrase typed without echo, a yes/no before an import. Only
// when standard input and standard error are both a terminal (otherwise there is nobody to ask,
// and a script must say what it means with a flag or a file). Raw mode is used for the hidden
// kind because Node's readline has no "no echo" switch; it is restored on every way out.
import { createInterface } from 'node:readline';
import { CliError } from './io';
import type { TerminalPrompt } from './io';

const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const BACKSPACE = ['\u007f', '\b'];
/** Nobody types a passphrase longer than this; a paste of a file is cut off here. */
const MAX_LINE = 4096;

export function terminalPrompt(
  input: NodeJS.ReadStream = process.stdin,
  output: NodeJS.WriteStream = process.stderr,
): TerminalPrompt | undefined {
  if (!input.isTTY || !output.isTTY) return undefined;
  return {
    ask: (question, { hidden }) =>
      hidden ? askHidden(input, output, question) : askVisible(input, output, question),
  };
}

function cancelled(): CliError {
  return new CliError('cancelled at the prompt; nothing was changed');
}

function askVisible(
  input: NodeJS.ReadStream,
  output: NodeJS.WriteStream,
  question: string,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input, output, terminal: true });
    let answered = false;
    lines.on('SIGINT', () => lines.close());
    lines.on('close', () => {
      if (!answered) {
        output.write('\n');
        reject(cancelled());
      }
    });
    lines.question(question, (answer) => {
      answered = true;
      lines.close();
      resolve(answer.slice(0, MAX_LINE));
    });
  });
}

function askHidden(
  input: NodeJS.ReadStream,
  output: NodeJS.WriteStream,
  question: string,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let typed = '';
    const wasRaw = input.isRaw;
    // No echo before the question shows: what is typed as soon as it appears stays hidden.
    input.setRawMode(true);
    output.write(question);
    input.setEncoding('utf8');
    input.resume();
    const finish = (error: CliError | undefined) => {
      input.off('data', onData);
      input.setRawMode(wasRaw);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === CTRL_C || (char === CTRL_D && typed === '')) return finish(cancelled());
        if (char === '\r' || char === '\n' || char === CTRL_D) return finish(undefined);
        if (BACKSPACE.includes(char)) typed = [...typed].slice(0, -1).join('');
        else if (char >= ' ' && typed.length < MAX_LINE) typed += char;
      }
    };
    input.on('data', onData);
  });
}
