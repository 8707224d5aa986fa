// Entries are built only by newEntry (issue 26): an Entry written out field by field elsewhere
// drifts from it (a default, a field left out while empty), as import-merge.ts and the sync
// merge once did. An object literal that sets all three of createdAt, updatedAt and lastUsedAt
// itself is an Entry built from scratch; updates spread an existing entry and set fewer.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const BUILDER = 'main/vault/entries.ts';
const ENTRY_ONLY = ['createdAt', 'updatedAt', 'lastUsedAt'];

/** The lines (1-based) of object literals in `text` that set every ENTRY_ONLY key. */
function entryLiterals(fileName: string, text: string): number[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const lines: number[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isObjectLiteralExpression(node)) {
      const names = new Set(
        node.properties.flatMap((p) =>
          (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) &&
          ts.isIdentifier(p.name)
            ? [p.name.text]
            : [],
        ),
      );
      if (ENTRY_ONLY.every((key) => names.has(key)) && !isSchemaOrTable(node))
        lines.push(source.getLineAndCharacterOfPosition(node.getStart()).line + 1);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return lines;
}

/**
 * A zod shape (`z.object({…})`, `.extend({…})`: the fields' schemas) or a table naming the fields
 * (string values, as sync/fields.ts's): literals with Entry's keys that are not entries.
 */
function isSchemaOrTable(node: ts.ObjectLiteralExpression): boolean {
  const parent = node.parent;
  if (
    ts.isCallExpression(parent) &&
    ts.isPropertyAccessExpression(parent.expression) &&
    /^(object|strictObject|looseObject|extend)$/.test(parent.expression.name.text)
  )
    return true;
  return node.properties.every(
    (p) => ts.isPropertyAssignment(p) && ts.isStringLiteral(p.initializer),
  );
}

function sources(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file))
    .map((file) => `${folder}/${file.split('\\').join('/')}`);
}

describe('Entry literals', () => {
  it('are written only in newEntry', () => {
    const found = ['main', 'preload', 'renderer']
      .flatMap(sources)
      .filter((file) => file !== BUILDER)
      .flatMap((file) => {
        const text = readFileSync(join(ROOT, file), 'utf8');
        // Parse only the files that name all three keys (parsing every file takes seconds).
        if (!ENTRY_ONLY.every((key) => text.includes(key))) return [];
        return entryLiterals(file, text).map((line) => `${file}:${line}`);
      });
    expect(found, 'build these with newEntry (main/vault/entries.ts)').toEqual([]);
  });

  it('are found: the literal import-merge.ts built before, but not an update', () => {
    const before = `entries.push({ id: newId(), ...account, icon: null, tags, pinned: false,
      sortOrder: order++, createdAt: now, updatedAt: now, lastUsedAt: null });`;
    expect(entryLiterals('a.ts', before)).toEqual([1]);
    expect(
      entryLiterals('b.ts', 'const e = { ...entry, updatedAt: now, lastUsedAt: null };'),
    ).toEqual([]);
    expect(entryLiterals(BUILDER, readFileSync(join(ROOT, BUILDER), 'utf8'))).toHaveLength(1);
  });
});
