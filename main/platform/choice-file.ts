// The ChoiceStore as a small JSON file. A file that cannot be read starts an empty memory (the
// choices are a convenience: losing them costs one more pick); it is never a reason to fail.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { ChoiceStore } from '../app/ports/choice-store';

/** Enough for every site anyone signs in to; the oldest choices go first. */
export const MAX_CHOICES = 500;

export function choiceFile(path: string): ChoiceStore {
  return {
    load() {
      try {
        const data = JSON.parse(readFileSync(path, 'utf8')) as unknown;
        if (!Array.isArray(data)) return new Map();
        return new Map(
          data.filter(
            (pair): pair is [string, string] =>
              Array.isArray(pair) && typeof pair[0] === 'string' && typeof pair[1] === 'string',
          ),
        );
      } catch {
        return new Map();
      }
    },
    save(choices) {
      const pairs = [...choices].slice(-MAX_CHOICES);
      const temp = `${path}.tmp`;
      writeFileSync(temp, JSON.stringify(pairs), { mode: 0o600 });
      renameSync(temp, path);
    },
  };
}
