// Issue 22 behaviour 3 and G3 (docs/sync.md § Hybrid logical clock): causality beats wall
// clocks. One computer's clock runs an hour ahead: an edit made on the other after seeing its
// change wins, a deletion made after seeing it is not undone, and the notice names the computer
// whose clock is wrong (or, with two computers and no clock check, blames neither).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newSyncKey } from '../../../main/sync/keys';
import { account, makeDevice } from './device-harness';
import type { TestDevice } from './device-harness';

const HOUR = 3600_000;
let folder: string;
const devices: TestDevice[] = [];
const key = newSyncKey();

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'trayotp-sync-clocks-'));
});
afterEach(async () => {
  await Promise.all(devices.splice(0).map((d) => d.close()));
  await rm(folder, { recursive: true, force: true });
});

/** A laptop whose clock is an hour ahead, a desktop whose clock is right. */
async function pair(options: { desktopOffset?: number; laptopOffset?: number } = {}) {
  const fast = await makeDevice('laptop', folder, [key], {
    clock: { now: () => Date.now() + HOUR },
    clockOffsetMs: () => options.laptopOffset,
  });
  const right = await makeDevice('desktop', folder, [key], {
    clockOffsetMs: () => options.desktopOffset,
  });
  devices.push(fast, right);
  // start() writes each device's card, with its name.
  await fast.engine.start();
  await right.engine.start();
  return { fast, right };
}

async function rounds(...list: TestDevice[]) {
  for (let i = 0; i < 2; i++) for (const d of list) await d.engine.syncNow();
}

describe('a clock an hour ahead on one computer', () => {
  // Failed before: the desktop's edit was reverted ("expected [ Array(1) ] to deeply equal
  // [ Array(1) ]": both showed 'renamed on the fast laptop').
  it('an edit made after seeing its change wins, on both computers', async () => {
    const { fast, right } = await pair();
    const { id } = await fast.vault.add(account('alice'));
    await rounds(fast, right);
    await fast.vault.update(id, { name: 'renamed on the fast laptop' });
    await rounds(fast, right);
    expect(right.labels()).toEqual(['Example:renamed on the fast laptop']);
    await right.vault.update(id, { name: 'renamed on the desktop after seeing it' });
    await rounds(right, fast);
    for (const d of [fast, right])
      expect(d.labels()).toEqual(['Example:renamed on the desktop after seeing it']);
  });

  // Failed before: "expected [ 'Example:alice edited' ] to deeply equal []".
  it('a deletion made after seeing its edit is not undone', async () => {
    const { fast, right } = await pair();
    const { id } = await fast.vault.add(account('alice'));
    await rounds(fast, right);
    await fast.vault.update(id, { name: 'alice edited' });
    await rounds(fast, right);
    await right.vault.remove(id);
    await rounds(right, fast);
    expect(right.labels()).toEqual([]);
    expect(fast.labels()).toEqual([]);
  });

  // Failed before (there was no notice; the laptop reported the desktop's clock as wrong:
  // "expected false to be true").
  it('the notice names the computer whose clock is wrong, and never the one that is right', async () => {
    const { fast, right } = await pair({ desktopOffset: 0, laptopOffset: -HOUR });
    await fast.vault.add(account('alice'));
    await rounds(fast, right);
    await right.vault.add(account('bob'));
    await rounds(right, fast);
    const onDesktop = right.engine.status;
    expect(onDesktop.devices.find((d) => d.device === fast.device)!.clockAheadMs).toBeGreaterThan(
      50 * 60_000,
    );
    expect(onDesktop.clockNotice).toMatch(/^The clock of laptop is 60 minutes ahead\./);
    const onLaptop = fast.engine.status;
    expect(onLaptop.devices.every((d) => d.clockAheadMs === 0)).toBe(true);
    expect(onLaptop.clockNotice).toMatch(/^This computer's clock is 60 minutes fast/);
  });

  it('without a clock check, two computers are told their clocks differ, and neither is blamed', async () => {
    const { fast, right } = await pair();
    await fast.vault.add(account('alice'));
    await rounds(fast, right);
    const status = right.engine.status;
    expect(status.devices.every((d) => d.clockAheadMs === 0)).toBe(true);
    expect(status.clockNotice).toMatch(
      /^The clocks of this computer and laptop differ by 60 minutes; one of them is wrong/,
    );
  });

  it('with three computers and no clock check, the majority names the one that is wrong', async () => {
    const { fast, right } = await pair();
    const third = await makeDevice('tablet', folder, [key]);
    devices.push(third);
    await third.engine.start();
    await fast.vault.add(account('alice'));
    await third.vault.add(account('bob'));
    await rounds(fast, third, right);
    const status = right.engine.status;
    expect(status.devices.find((d) => d.device === fast.device)!.clockAheadMs).toBeGreaterThan(0);
    expect(status.devices.find((d) => d.device === third.device)!.clockAheadMs).toBe(0);
    expect(status.clockNotice).toMatch(
      /^The clock of laptop is 60 minutes ahead of most computers/,
    );
  });
});
