import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { choiceFile, MAX_CHOICES } from '../../../main/platform/choice-file';

const dir = mkdtempSync(join(tmpdir(), 'trayotp-choices-'));

describe('choiceFile', () => {
  it('keeps choices between runs, owner-only', () => {
    const path = join(dir, 'a.json');
    choiceFile(path).save(new Map([['log in | 20i', 'id-1']]));
    expect(choiceFile(path).load()).toEqual(new Map([['log in | 20i', 'id-1']]));
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('a missing or unreadable file is an empty memory, never an error', () => {
    expect(choiceFile(join(dir, 'missing.json')).load()).toEqual(new Map());
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{not json');
    expect(choiceFile(bad).load()).toEqual(new Map());
    writeFileSync(bad, JSON.stringify([['ok', 'id'], [1, 2], 'x']));
    expect(choiceFile(bad).load()).toEqual(new Map([['ok', 'id']]));
  });

  it(`keeps the newest ${MAX_CHOICES}`, () => {
    const path = join(dir, 'many.json');
    choiceFile(path).save(
      new Map(Array.from({ length: MAX_CHOICES + 10 }, (_, i) => [`t${i}`, `id${i}`])),
    );
    const loaded = choiceFile(path).load();
    expect(loaded.size).toBe(MAX_CHOICES);
    expect(loaded.has('t0')).toBe(false);
    expect(loaded.get(`t${MAX_CHOICES + 9}`)).toBe(`id${MAX_CHOICES + 9}`);
  });
});
