// Following a phone's backups reads each backup in the reading worker (issue 24): the app's
// process never parses it. The Aegis importer is watched here; the worker's own copy runs in
// another thread, where this mock does not reach.
import { copyFileSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type * as Aegis from '../../../main/importers/aegis';
import { readBackup } from '../../../main/sync/backup-follow';
import { testdataPath } from '../../support/testdata';

const calls = vi.hoisted(() => ({ read: 0 }));

vi.mock('../../../main/importers/aegis', async (importOriginal) => {
  const real = await importOriginal<typeof Aegis>();
  return {
    ...real,
    aegisImporter: {
      ...real.aegisImporter,
      read: (...args: Parameters<typeof real.aegisImporter.read>) => {
        calls.read++;
        return real.aegisImporter.read(...args);
      },
    },
  };
});

describe('following backups: each backup is read in the reading worker', () => {
  it('an encrypted Aegis backup is read, and not in this process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trayotp-follow-worker-'));
    const path = join(dir, 'aegis-backup-20261207-120000.json');
    copyFileSync(testdataPath('interop/aegis/aegis_encrypted.json'), path);
    const { mtimeMs, size } = statSync(path);
    const file = { name: 'aegis-backup-20261207-120000.json', path, mtimeMs, size };
    const { aegisImporter } = await import('../../../main/importers/aegis');
    const entries = await readBackup(file, 'test', aegisImporter);
    expect(entries).toHaveLength(7);
    expect(calls.read).toBe(0);
    await expect(readBackup(file, 'wrong', aegisImporter)).rejects.toMatchObject({
      name: 'ImportError',
      code: 'wrong-password',
    });
  });
});
