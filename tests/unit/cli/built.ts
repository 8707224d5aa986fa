// The built command line, run the way a person runs it: `node bin/trayotp.js …` on out/.
// `npm test` builds before vitest runs; run alone, a missing or stale out/ fails with the fix
// instead of silently testing old code (or skipping, which once hid a CLI that could not start).
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../../', import.meta.url));
export const builtCliPath = join(root, 'out/main/cli.js');

export interface BuiltRun {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * Throws, naming the command to run, unless out/main/cli.js exists and is newer than every
 * source module bundled into it (the bundle names each one in a `// main/….ts` comment) and
 * every file of main/cli/.
 */
export function assertBuilt(): void {
  if (!existsSync(builtCliPath)) {
    throw new Error('out/main/cli.js is missing: run `npm run build` first (npm test does).');
  }
  const built = statSync(builtCliPath).mtimeMs;
  const bundled = [...importGraph(builtCliPath).files].flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/^\/\/ (main\/\S+\.ts)$/gm)].map((m) =>
      join(root, m[1]!),
    ),
  );
  const newer = [...bundled, ...sources(join(root, 'main/cli'))].find(
    (file) => existsSync(file) && statSync(file).mtimeMs > built,
  );
  if (newer) {
    throw new Error(`out/ is older than ${newer}: run \`npm run build\` first (npm test does).`);
  }
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sources(path) : [path];
  });
}

/** Every built file and bare package a built file can load, statically or through import(). */
export function importGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const code = readFileSync(file, 'utf8');
    const specifiers = [
      ...code.matchAll(/\b(?:import|export)\s*(?:[^'"();]*?\sfrom\s*)?["']([^"']+)["']/g),
      ...code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
      ...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g),
    ].map((match) => match[1]!);
    for (const specifier of specifiers) {
      if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier));
      else packages.add(specifier.replace(/^node:/, ''));
    }
  };
  visit(entry);
  return { files, packages };
}

/** Runs `node [nodeArgs] bin/trayotp.js args…`, with stdin if given. */
export function runBuilt(
  args: string[],
  options: { input?: string; nodeArgs?: string[]; env?: Record<string, string> } = {},
): Promise<BuiltRun> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [...(options.nodeArgs ?? []), join(root, 'bin/trayotp.js'), ...args],
      { cwd: root, env: { ...process.env, ...options.env }, maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        const status = error ? Number((error as { code?: number }).code ?? 1) : 0;
        resolve({ status, stdout, stderr });
      },
    );
    child.stdin?.end(options.input ?? '');
  });
}
