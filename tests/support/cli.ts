// Runs a `trayotp` command in-process, capturing what it prints and its exit status.
import { runCli } from '../../main/cli/run';

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
  /** What the terminal prompt was asked, in order (only with `answers`). */
  asked?: { question: string; hidden: boolean }[];
}

export async function runCapturing(
  argv: string[],
  options: {
    now?: number;
    env?: Record<string, string | undefined>;
    stdin?: string;
    /** A person at a terminal typing these answers in turn; absent: no terminal. */
    answers?: string[];
  } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const asked: { question: string; hidden: boolean }[] = [];
  const answers = [...(options.answers ?? [])];
  const prompt = options.answers && {
    ask: async (question: string, { hidden }: { hidden: boolean }) => {
      asked.push({ question, hidden });
      const answer = answers.shift();
      if (answer === undefined) throw new Error(`no answer left for ${question}`);
      return answer;
    },
  };
  const status = await runCli(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    stdin: async () => Buffer.from(options.stdin ?? ''),
    env: options.env ?? {},
    now: () => options.now ?? 0,
    prompt,
  });
  return options.answers ? { status, stdout, stderr, asked } : { status, stdout, stderr };
}
