// A crash while the join request is written (docs/sync.md § Keys, joining): the joining computer
// kept the group's secrets in its vault, but its request never reached the folder. After a
// restart it must write the request again, so the inviter introduces it and both converge; before
// this, the inviter never learnt of the device and the person had to invite it again.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { group, idOf, issuers, unlockedApp, uri, waitFor } from './apps';
import type { FakeApp } from '../../../fakes/app';
import type * as Invitation from '../../../../main/sync/invitation';

/** What the vault keeps of sync (the device id before the engine ran, the pending join). */
const kept = (app: FakeApp) =>
  JSON.parse(app.app.session.current!.secret('sync')!) as { device: string; join?: unknown };

const crash = vi.hoisted(() => ({ next: false }));

vi.mock('../../../../main/sync/invitation', async (importOriginal) => {
  const real = await importOriginal<typeof Invitation>();
  return {
    ...real,
    requestJoin: async (...args: Parameters<typeof real.requestJoin>) => {
      if (crash.next) {
        crash.next = false;
        // The process is killed before the request is in the folder.
        throw new Error('killed while writing the join request');
      }
      return real.requestJoin(...args);
    },
  };
});

describe('a join request lost to a crash', { timeout: 120_000 }, () => {
  it('is written again at the next unlock: the inviter introduces the device and both converge', async () => {
    const { folder, a } = await group();
    const { phrase } = await a.app.sync.invite();
    const b = await unlockedApp();
    crash.next = true;
    await expect(b.app.sync.join(folder, phrase, 'Laptop')).rejects.toThrow(/killed/);
    // A sync program may also carry a torn file under the request's name: it is written again.
    const own = join(folder, 'trayotp-sync', kept(b).device);
    await mkdir(own, { recursive: true });
    await writeFile(join(own, 'keys-0000000001.tsk'), 'TRAYOTP torn');
    // The restart: the vault (with the secrets kept before the request) is locked and opened again.
    await b.app.session.lock();
    await b.app.session.unlock();
    await waitFor('the joiner running again', () => b.app.sync.status().state === 'on');
    await waitFor(
      'the joiner introduced on the inviter',
      () => a.app.sync.status().invitation?.newDevice?.device === idOf(b),
      30_000,
    );
    await waitFor('GitHub on the joiner', () => issuers(b).includes('GitHub'));
    await b.app.adding.addUri(uri('Laptop'));
    await waitFor('the joiner’s account on the inviter', () => issuers(a).includes('Laptop'));
    expect(issuers(a)).toEqual(issuers(b));
    // The next start sees the introduction: the proof leaves the vault.
    await b.app.session.lock();
    await b.app.session.unlock();
    await waitFor('the proof dropped', () => b.app.sync.status().state === 'on' && !kept(b).join);
  });

  it('is never written once the invitation let another computer in', async () => {
    const { folder, a } = await group();
    const { phrase } = await a.app.sync.invite();
    const b = await unlockedApp();
    crash.next = true;
    await expect(b.app.sync.join(folder, phrase, 'Laptop')).rejects.toThrow(/killed/);
    const bId = kept(b).device;
    const c = await unlockedApp();
    expect((await c.app.sync.join(folder, phrase, 'Tablet')).joined).toBe(true);
    await waitFor(
      'the other computer introduced',
      () => a.app.sync.status().invitation?.newDevice?.device === idOf(c),
    );
    await b.app.session.lock();
    await b.app.session.unlock();
    const error = await waitFor('the joiner told', () => b.app.sync.status().error);
    expect(error).toMatch(/used by another computer/);
    expect(kept(b).join).toBeUndefined();
    const files = await readdir(join(folder, 'trayotp-sync', bId)).catch(() => [] as string[]);
    expect(files.filter((f) => f.startsWith('keys-'))).toEqual([]);
  });

  it('is not written again once the device was introduced', async () => {
    const { folder, a } = await group();
    const { phrase } = await a.app.sync.invite();
    const b = await unlockedApp();
    expect((await b.app.sync.join(folder, phrase, 'Laptop')).joined).toBe(true);
    await waitFor(
      'the joiner introduced on the inviter',
      () => a.app.sync.status().invitation?.newDevice?.device === idOf(b),
    );
    await waitFor('the introduction seen on the joiner', () =>
      b.app.sync.status().devices.some((d) => d.device === idOf(a)),
    );
    await b.app.session.lock();
    await b.app.session.unlock();
    await waitFor('the joiner running again', () => b.app.sync.status().state === 'on');
    await b.app.adding.addUri(uri('Tablet'));
    await waitFor('the joiner’s account on the inviter', () => issuers(a).includes('Tablet'));
  });
});
