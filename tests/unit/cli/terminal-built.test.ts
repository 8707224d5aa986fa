// The built CLI at a real terminal: `script` (util-linux) gives it a pseudo-terminal, and this
// test types into it only after each question shows, as a person would. What is typed at a
// passphrase prompt must never be echoed; Ctrl+C cancels and changes nothing.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, root } from './built';

const PASSPHRASE = 'horse battery staple correct';

interface Step {
  /** Type `keys` once the output so far contains `after`. */
  after: string;
  keys: string;
}

/** Runs `trayotp args…` in a pseudo-terminal, typing each step's keys after its prompt. */
function atTerminal(args: string[], steps: Step[]): Promise<{ status: number; output: string }> {
  const command = ['node', 'bin/trayotp.js', ...args].map((a) => `'${a}'`).join(' ');
  return new Promise((resolve, reject) => {
    // No passphrase from the environment: the prompt is the only way in.
    const env = { ...process.env };
    delete env.TRAYOTP_PASSPHRASE;
    const child = spawn('script', ['-qec', command, '/dev/null'], {
      cwd: root,
      env: { ...env, TERM: 'dumb' },
    });
    let output = '';
    const pending = [...steps];
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no answer at the terminal; output so far: ${JSON.stringify(output)}`));
    }, 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      while (pending[0] && output.split(pending[0].after).length > countTyped(steps, pending)) {
        child.stdin.write(pending.shift()!.keys);
      }
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status: status ?? 1, output: output.replace(/\r/g, '') });
    });
  });
}

/** How many times the prompt of the next step must have appeared before it is answered. */
function countTyped(steps: Step[], pending: Step[]): number {
  const done = steps.slice(0, steps.length - pending.length);
  return done.filter((s) => s.after === pending[0]!.after).length + 1;
}

describe('the built CLI at a terminal', () => {
  let folder: string;
  beforeAll(async () => {
    assertBuilt();
    folder = await mkdtemp(join(tmpdir(), 'trayotp-tty-'));
  });

  it('init asks twice without echo; list asks once; a wrong passphrase changes nothing', async () => {
    const path = join(folder, 'v.trayotp');
    const made = await atTerminal(
      ['vault', 'init', '--vault', path],
      [
        { after: 'Passphrase for the new vault', keys: `${PASSPHRASE}\r` },
        { after: 'The same passphrase again: ', keys: `${PASSPHRASE}\r` },
      ],
    );
    expect(made.output).toContain(`created ${path}`);
    expect(made.output).not.toContain('horse');
    expect(made.status).toBe(0);
    const wrong = await atTerminal(
      ['vault', 'list', '--vault', path],
      [{ after: 'Passphrase for the vault', keys: 'not it\r' }],
    );
    expect(wrong.status).toBe(2);
    expect(wrong.output).toMatch(/trayotp: wrong passphrase/);
    expect(wrong.output).not.toContain('not it');
    const listed = await atTerminal(
      ['vault', 'list', '--vault', path],
      [{ after: 'Passphrase for the vault', keys: `${PASSPHRASE}\r` }],
    );
    expect(listed.status).toBe(0);
    expect(listed.output).toContain('the vault holds no accounts yet');
  });

  it('Ctrl+C at the prompt cancels and makes nothing', async () => {
    const path = join(folder, 'cancelled.trayotp');
    const run = await atTerminal(
      ['vault', 'init', '--vault', path],
      [{ after: 'Passphrase for the new vault', keys: 'half\u0003' }],
    );
    expect(run.status).toBe(2);
    expect(run.output).toContain('trayotp: cancelled at the prompt; nothing was changed');
    expect(existsSync(path)).toBe(false);
  });
});
