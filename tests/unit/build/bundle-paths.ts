// The files the built main process finds by itself at run time, read from the built bundle (so a
// path added to the code is found without anyone listing it): module specifiers resolved to a
// data file (`createRequire(import.meta.url).resolve('zxing-wasm/…/zxing_reader.wasm')`), script
// URLs beside a module (`new URL('./qr-worker.js', …)`), and worker candidate lists
// (`BUILT_CANDIDATES = ['./argon2id-worker.js', '../argon2id-worker.js']`). Source paths that
// only development takes (`new URL('./worker.ts', …)`, `resolve('tsx')`) are left out.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface BundlePath {
  /** The built file the reference is in (absolute). */
  file: string;
  kind: 'data-file' | 'script-url' | 'candidates';
  /** The specifier, or the relative URL(s). */
  refs: string[];
}

const CODE = /\.(?:[cm]?js|json|ts)$/;

export function builtFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.[cm]?js$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

export function bundlePaths(files: string[]): BundlePath[] {
  const found: BundlePath[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const [, spec] of text.matchAll(/\.resolve\(\s*["'`]([^"'`]+)["'`]\s*\)/g)) {
      // A package's data file (a .wasm), not a module: module imports are the bundler's job.
      if (!CODE.test(spec!) && /\.[a-z0-9]+$/i.test(spec!)) {
        found.push({ file, kind: 'data-file', refs: [spec!] });
      }
    }
    for (const [, url] of text.matchAll(/new URL\(\s*["'`](\.{1,2}\/[^"'`]+\.[cm]?js)["'`]/g)) {
      found.push({ file, kind: 'script-url', refs: [url!] });
    }
    for (const [, list] of text.matchAll(/_CANDIDATES\s*=\s*\[([^\]]*)\]/g)) {
      const refs = [...list!.matchAll(/["'`]([^"'`]+)["'`]/g)].map((m) => m[1]!);
      if (refs.length > 0) found.push({ file, kind: 'candidates', refs });
    }
  }
  return found;
}
