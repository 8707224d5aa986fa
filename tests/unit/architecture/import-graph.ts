// The project's import graph as TypeScript resolves it: every file a module reaches through
// import, export-from, import type, import() and require, transitively. Type-only imports count:
// a type the window's contract takes from main ties the contract to main as much as a value does.
// A specifier TypeScript cannot resolve to a source file (a stylesheet, an image) is kept as the
// path it names, so an asset under a forbidden folder is still seen.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

export const ROOT = resolve(import.meta.dirname, '../../..');

function compilerOptions(): ts.CompilerOptions {
  const file = ts.findConfigFile(ROOT, ts.sys.fileExists, 'tsconfig.json');
  if (!file) throw new Error(`no tsconfig.json above ${ROOT}`);
  const { config, error } = ts.readConfigFile(file, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  return ts.parseJsonConfigFileContent(config, ts.sys, dirname(file)).options;
}

/** A path relative to the repository, with forward slashes ("preload/contract.ts"). */
export function repoPath(absolute: string): string {
  return relative(ROOT, absolute).split(sep).join('/');
}

export interface ImportGraph {
  /** Each reached file (repository path) and the chain of files that led to it from an entry. */
  reached: Map<string, string[]>;
}

/** Every project file reachable from the entries; packages (node_modules) are not followed. */
export function reachableFrom(entries: string[]): ImportGraph {
  const options = compilerOptions();
  const host = ts.createCompilerHost(options);
  const reached = new Map<string, string[]>();
  const queue: string[] = [];
  for (const entry of entries) {
    const file = resolve(ROOT, entry);
    if (!existsSync(file)) throw new Error(`entry ${entry} does not exist`);
    reached.set(repoPath(file), [repoPath(file)]);
    queue.push(file);
  }
  while (queue.length > 0) {
    const file = queue.shift()!;
    const chain = reached.get(repoPath(file))!;
    for (const specifier of importsOf(file)) {
      const target = resolveImport(specifier, file, options, host);
      if (target === undefined) continue;
      const key = repoPath(target);
      if (key.startsWith('..') || key.includes('node_modules/') || reached.has(key)) continue;
      reached.set(key, [...chain, key]);
      if (/\.(ts|tsx|mts|cts|js|mjs|cjs|jsx)$/.test(target) && existsSync(target)) {
        queue.push(target);
      }
    }
  }
  return { reached };
}

function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles.map((ref) => ref.fileName);
}

function resolveImport(
  specifier: string,
  from: string,
  options: ts.CompilerOptions,
  host: ts.CompilerHost,
): string | undefined {
  const resolved = ts.resolveModuleName(specifier, from, options, host).resolvedModule;
  if (resolved && !resolved.isExternalLibraryImport) return resolve(resolved.resolvedFileName);
  if (resolved) return undefined; // a package
  // Not a module TypeScript knows (a stylesheet, an image): its path, if it names one.
  if (specifier.startsWith('.') || specifier.startsWith('/'))
    return resolve(dirname(from), specifier);
  return undefined;
}

/** The reached files under one of the folders, each with the chain that reaches it. */
export function reachedUnder(graph: ImportGraph, folders: string[]): string[] {
  return [...graph.reached.entries()]
    .filter(([file]) => folders.some((folder) => file.startsWith(`${folder}/`)))
    .map(([, chain]) => chain.join(' → '));
}
