// Small files with one concern (issue 26, Sizes): no source file in main/app is longer than 300
// lines. A file that grows past it is split by concern (as sync-service.ts, following.ts and
// assemble.ts were), not trimmed of its comments. A failure names each file and its length.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const MAX_LINES = 300;

/** Lines of text, as an editor counts them (a final newline ends the last line). */
function lineCount(text: string): number {
  if (text === '') return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

function sources(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ts|tsx)$/.test(file))
    .map((file) => `${folder}/${file.split('\\').join('/')}`);
}

describe('file sizes', () => {
  it('counts lines as an editor does', () => {
    expect(lineCount('')).toBe(0);
    expect(lineCount('a')).toBe(1);
    expect(lineCount('a\n')).toBe(1);
    expect(lineCount('a\nb\n')).toBe(2);
    expect(lineCount('a\n\n')).toBe(2);
  });

  it(`no file in main/app is over ${MAX_LINES} lines`, () => {
    const files = sources('main/app');
    expect(files).toContain('main/app/assemble.ts');
    const tooLong = files
      .map((file) => ({ file, lines: lineCount(readFileSync(join(ROOT, file), 'utf8')) }))
      .filter(({ lines }) => lines > MAX_LINES)
      .map(({ file, lines }) => `${file}: ${lines} lines`);
    expect(tooLong).toEqual([]);
  });
});
