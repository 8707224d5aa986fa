// Runs a `trayotp` command in-process, capturing what it prints and its exit status.
import { runCli } from '../../main/cli/run';

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

export async function runCapturing(
  argv: string[],
  options: { now?: number; env?: Record<string, string | undefined>; stdin?: string } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const status = await runCli(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    stdin: async () => Buffer.from(options.stdin ?? ''),
    env: options.env ?? {},
    now: () => options.now ?? 0,
  });
  return { status, stdout, stderr };
}
