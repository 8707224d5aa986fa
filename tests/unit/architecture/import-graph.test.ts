// The contract is a leaf (issue 26): nothing preload/ reaches, however indirectly, is main or
// renderer code, and nothing the renderer reaches is main code. Lint sees only one import at a
// time (eslint.config.js); this walks the whole graph, so a view schema that imports a helper
// that imports main is caught too. A failure lists each chain of imports that leads out.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reachableFrom, reachedUnder, ROOT } from './import-graph';

function sourcesUnder(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ts|tsx)$/.test(file))
    .map((file) => `${folder}/${file.split('\\').join('/')}`);
}

describe('the import graph', () => {
  it('reaches no main or renderer module from preload (the contract, the bridge, the views)', () => {
    const graph = reachableFrom(sourcesUnder('preload'));
    expect(graph.reached.has('preload/contract.ts')).toBe(true);
    expect(reachedUnder(graph, ['main', 'renderer'])).toEqual([]);
  });

  it('reaches no main module from the renderer entry', () => {
    const graph = reachableFrom(['renderer/src/main.tsx']);
    // The walk does reach the window's views and the contract: the graph is really followed.
    expect(graph.reached.has('renderer/src/App.tsx')).toBe(true);
    expect(graph.reached.has('preload/contract.ts')).toBe(true);
    expect(reachedUnder(graph, ['main'])).toEqual([]);
  });

  it('reaches no main module from any renderer file', () => {
    const graph = reachableFrom(sourcesUnder('renderer'));
    expect(reachedUnder(graph, ['main'])).toEqual([]);
  });

  it('reaches preload from the core only through its views, never the contract or the bridge', () => {
    const core = ['otp', 'vault', 'qr', 'importers', 'directory', 'sync', 'time', 'browser', 'cli'];
    const graph = reachableFrom(core.flatMap((folder) => sourcesUnder(`main/${folder}`)));
    // The clock check's code-help view is one the core fills: the walk does reach the views.
    expect(graph.reached.has('preload/views/clock.ts')).toBe(true);
    const intoPreload = reachedUnder(graph, ['preload']);
    expect(intoPreload.filter((chain) => !/ → preload\/views\/[^/]+$/.test(chain))).toEqual([]);
  });

  it('follows type imports, re-exports and import() through every hop, not only direct imports', () => {
    const base = 'tests/unit/architecture/graph-fixture';
    const graph = reachableFrom([`${base}/entry.ts`]);
    expect(graph.reached.get(`${base}/far.ts`)).toEqual(
      ['entry.ts', 'hop.ts', 'deep/leaf.ts', 'far.ts'].map((file) => `${base}/${file}`),
    );
    expect(reachedUnder(graph, [`${base}/deep`])).toEqual([
      `${base}/entry.ts → ${base}/hop.ts → ${base}/deep/leaf.ts`,
    ]);
  });
});
