// G5 (docs/sync.md § Reading the folder): a device held back by a bad file resumes by itself once
// the file is removed, with nothing but the folder watcher to notice it; here the bad file is a
// link, whose deletion must count as a change (issue 22 behaviour 6).
import { mkdtemp, readdir, rm, symlink, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deviceDir } from '../../../main/sync/folder-write';
import { newSyncKey } from '../../../main/sync/keys';
import { FsFolderWatcher } from '../../../main/sync/watch';
import { waitFor } from '../../sync/syncthing';
import { account, makeDevice } from './device-harness';
import type { TestDevice } from './device-harness';

let folder: string;
const devices: TestDevice[] = [];
const key = newSyncKey();

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'trayotp-resume-'));
});
afterEach(async () => {
  await Promise.all(devices.splice(0).map((d) => d.close()));
  await rm(folder, { recursive: true, force: true });
});

describe('a device held back by a bad link', () => {
  it('is shown with the file, and its problem goes by itself once the link is deleted', async () => {
    const watcher = new FsFolderWatcher(50);
    const a = await makeDevice('laptop', folder, [key], { watcher });
    const b = await makeDevice('desktop', folder, [key], { watcher });
    devices.push(a, b);
    await a.engine.start();
    await b.engine.start();
    await b.vault.add(account('one'));
    b.engine.localChanged();
    await waitFor('the account', () => Promise.resolve(a.labels().includes('Example:one')), 10_000);

    const dir = deviceDir(folder, b.device);
    const next =
      Math.max(
        ...(await readdir(dir))
          .filter((n) => /^\d{10}\./.test(n))
          .map((n) => Number(n.slice(0, 10))),
      ) + 1;
    const link = `${String(next).padStart(10, '0')}.tsl`;
    await symlink('/etc/hostname', join(dir, link));
    await a.engine.syncNow();
    expect(a.engine.status.problems.map((p) => [p.device, p.file])).toEqual([[b.device, link]]);
    const problem = a.engine.status.devices.find((d) => d.device === b.device)!.problem!;
    expect(problem.message).toMatch(/link, and links are never followed/);

    await unlink(join(dir, link));
    await waitFor(
      'the problem to go',
      () => Promise.resolve(a.engine.status.problems.length === 0),
      10_000,
    );
    await b.vault.add(account('two'));
    b.engine.localChanged();
    await waitFor(
      'the next change',
      () => Promise.resolve(a.labels().includes('Example:two')),
      10_000,
    );
  });
});
