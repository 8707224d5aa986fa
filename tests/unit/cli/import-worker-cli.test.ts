// `trayotp import-preview` and `trayotp export --from` read the file in the reading worker
// (issue 24): the CLI's process never recognises or parses it. The importers' registry is watched
// here; the worker's own copy runs in another thread, where this mock does not reach.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type * as Registry from '../../../main/importers/registry';
import { runCapturing } from '../../support/cli';
import { testdataPath } from '../../support/testdata';

const calls = vi.hoisted(() => ({ registry: 0 }));

vi.mock('../../../main/importers/registry', async (importOriginal) => {
  const real = await importOriginal<typeof Registry>();
  return {
    ...real,
    detectFormat: (...args: Parameters<typeof real.detectFormat>) => {
      calls.registry++;
      return real.detectFormat(...args);
    },
    importFile: (...args: Parameters<typeof real.importFile>) => {
      calls.registry++;
      return real.importFile(...args);
    },
  };
});

const aegis = testdataPath('interop/aegis/aegis_plain.json');

describe('the CLI reads foreign files in the reading worker', () => {
  it('import-preview, with and without --format', async () => {
    const run = await runCapturing(['import-preview', aegis, '--json']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ format: 'aegis' });
    const named = await runCapturing(['import-preview', aegis, '--format', 'bitwarden']);
    expect(named.status).not.toBe(0);
    expect(named.stderr).toMatch(/is not a Bitwarden file .*looks like Aegis/);
    expect(calls.registry).toBe(0);
  });

  it('export --from', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'trayotp-export-worker-')), 'list.txt');
    const run = await runCapturing(['export', '--from', aegis, '--to', 'otpauth', '--out', out], {
      now: 1_700_000_000,
    });
    expect(run.status).toBe(0);
    expect(calls.registry).toBe(0);
  });
});
