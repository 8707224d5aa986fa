// KeePass compression bombs (issue 24): the gzip payload of KDBX 3.1 and 4 and compressed
// attachments inflate against the one inflate budget (budgets.ts), counted while inflating. The
// databases are written by tests/hostile/generators/keepass-bombs.ts with kdbxweb, their
// compressed payload replaced by a crafted stream; the right password opens them.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { INFLATE_BUDGET } from '../../../main/importers/budgets';
import { ImportError } from '../../../main/importers/errors';
import { readKeePassDatabase } from '../../../main/importers/keepass';
import { InflateBudget } from '../../../main/importers/keepass-inflate';
import { readForeignFile } from '../../../main/import-worker/client';
import {
  KEEPASS_BOMB_PASSWORD,
  craftedGzip,
  keepassBomb,
} from '../../hostile/generators/keepass-bombs';
import type { BombKind } from '../../hostile/generators/keepass-bombs';

async function refusal(version: 3 | 4, bomb: BombKind, password = KEEPASS_BOMB_PASSWORD) {
  const bytes = await keepassBomb(version, bomb);
  try {
    await readKeePassDatabase({ fileName: 'bomb.kdbx', bytes }, { password });
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return error as ImportError;
  }
  throw new Error('the bomb was read');
}

describe('KeePass compression bombs', () => {
  it.each([3, 4] as const)(
    'KDBX %i: 2 MiB of one letter in Notes is refused for its ratio, with the right password',
    async (version) => {
      const error = await refusal(version, { kind: 'notes', mib: 2 });
      expect(error.code).toBe('too-large');
      expect(error.message).toMatch(/compression bomb: its content of \d+ KiB inflates to more/);
    },
  );

  it('KDBX 4: the 8 GiB bomb stops at the inflate budget', async () => {
    const started = performance.now();
    const error = await refusal(4, { kind: 'notes', mib: 8 * 1024 });
    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(/inflates to more than 64 MiB, the most TrayOTP inflates/);
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it.each([3, 4] as const)('KDBX %i: a compressed attachment bomb is refused', async (version) => {
    const error = await refusal(version, { kind: 'attachment', mib: 200 });
    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(/its attachment of .* inflates to more than/);
  });

  it('with another password the bomb is refused as a wrong password, before inflating', async () => {
    const error = await refusal(4, { kind: 'notes', mib: 8 * 1024 }, 'wrong');
    expect(error.code).toBe('wrong-password');
  });

  it('a database that compresses like a real one is read (the bound leaves it alone)', async () => {
    const bytes = await keepassBomb(4, { kind: 'notes', mib: 0 });
    const result = await readKeePassDatabase(
      { fileName: 'ok.kdbx', bytes },
      { password: KEEPASS_BOMB_PASSWORD },
    );
    expect(result.entries.map((e) => e.account.issuer)).toEqual(['GitHub']);
  });

  it('the budget counts every part of one file together', () => {
    const budget = new InflateBudget({ ...INFLATE_BUDGET, maxBytes: 3 * 1024 * 1024 });
    const part = craftedGzip([randomBytes(2 * 1024 * 1024)]);
    expect(budget.gunzip(part, 'content').length).toBe(2 * 1024 * 1024);
    expect(() => budget.gunzip(part, 'attachment')).toThrow(/more than 3 MiB/);
  });

  it('through the reading worker, the 8 GiB bomb is one line within the worker budget', async () => {
    const bytes = await keepassBomb(4, { kind: 'notes', mib: 8 * 1024 });
    await expect(
      readForeignFile({ fileName: 'bomb.kdbx', bytes }, { password: KEEPASS_BOMB_PASSWORD }),
    ).rejects.toMatchObject({ code: 'too-large', message: expect.stringMatching(/64 MiB/) });
  });
});
