// The docs name files so a reader can go and look: every repository path written in docs/*.md and
// README.md (main/…, tests/…, renderer/…, preload/…, scripts/…, bench/…), and every relative
// link, must exist. Files move (issue 26 restructures main/app); a doc still naming the old place
// fails here with the doc, the line and the path, instead of sending the reader nowhere.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const DOCS = [
  ...readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
  'README.md',
];

// A path starts at one of these folders, not after another path's "/" or "." (out/main/index.js
// is build output, named as such) nor inside a word.
const REPO_PATH = /(?<![\w./-])(?:main|tests|renderer|preload|scripts|bench)\/[\w.@+\-/{},*]*/g;
// [text](target): a relative target, without its #anchor; web links and bare anchors are not files.
const LINK = /\]\(([^)\s]+)\)/g;

/** The paths a pattern written in a doc stands for: "{a,b}" is expanded; "*" keeps its folder. */
function pathsOf(written: string): string[] {
  const path = written.replace(/[.,:;]+$/, '');
  const brace = /\{([^{}]*)\}/.exec(path);
  if (brace) {
    return brace[1]!.split(',').flatMap((part) => pathsOf(path.replace(brace[0], part)));
  }
  const star = path.indexOf('*');
  return [star >= 0 ? path.slice(0, path.lastIndexOf('/', star) + 1) : path];
}

interface Named {
  doc: string;
  line: number;
  path: string;
}

function namedPaths(doc: string): Named[] {
  const named: Named[] = [];
  readFileSync(join(ROOT, doc), 'utf8')
    .split('\n')
    .forEach((text, index) => {
      const line = index + 1;
      for (const [written] of text.matchAll(REPO_PATH)) {
        for (const path of pathsOf(written)) named.push({ doc, line, path });
      }
      for (const [, target] of text.matchAll(LINK)) {
        const file = target!.split('#')[0]!;
        if (!file || /^[a-z][a-z0-9+.-]*:/i.test(file)) continue;
        named.push({ doc, line, path: join(dirname(doc), decodeURIComponent(file)) });
      }
    });
  return named;
}

describe('paths named in the docs', () => {
  it('reads the patterns docs write', () => {
    expect(pathsOf('main/time/{clock,offset}.ts,')).toEqual([
      'main/time/clock.ts',
      'main/time/offset.ts',
    ]);
    expect(pathsOf('main/platform/*')).toEqual(['main/platform/']);
    expect(pathsOf('tests/unit/qr/*.test.ts.')).toEqual(['tests/unit/qr/']);
    expect('see out/main/index.js or main/app/'.match(REPO_PATH)).toEqual(['main/app/']);
  });

  it.each(DOCS)('%s names only paths that exist', (doc) => {
    const named = namedPaths(doc);
    const missing = named
      .filter(({ path }) => !existsSync(join(ROOT, path)))
      .map(({ line, path }) => `${doc}:${line}: ${path}`);
    expect(missing).toEqual([]);
  });

  it('finds the paths at all (the docs name hundreds)', () => {
    expect(DOCS.flatMap(namedPaths).length).toBeGreaterThan(200);
  });
});
