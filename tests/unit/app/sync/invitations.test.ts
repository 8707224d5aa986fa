// Guarantee G4 (docs/sync.md § Invitations): an invitation pairs with exactly the device that used
// it, also when invitations overlap or follow each other closely, and the check code matches on
// both screens. And its 15 minutes are judged by the inviter's clock only (G3's invitation bullet):
// a joining computer whose clock runs ahead still joins. Apps as assembleApp builds them, sharing
// one plain temp folder as the synced folder.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { group, idOf, issuers, joinsAndMatches, unlockedApp, uri, waitFor } from './apps';
import type { FakeApp } from '../../../fakes/app';

describe(
  'invitations pair with exactly the device that used them (G4)',
  { timeout: 240_000 },
  () => {
    it('three invitations in a row: each computer joins, each check code matches on both screens', async () => {
      const { a } = await group();
      const names = ['Laptop', 'Tablet', 'Server'];
      const joiners: FakeApp[] = [];
      for (const [i, name] of names.entries()) {
        // Right after the previous computer joined, before the inviter has merged its arrival.
        const { phrase } = await a.app.sync.invite();
        const joiner = await unlockedApp();
        joiners.push(joiner);
        if (i === names.length - 1) await joinsAndMatches(a, joiner, phrase, name);
        else
          expect(
            (await joiner.app.sync.join(a.app.sync.status().folder!, phrase, name)).joined,
          ).toBe(true);
      }
      // Every one of them is a member for every other: an account from each reaches all.
      for (const [i, joiner] of joiners.entries()) await joiner.app.adding.addUri(uri(`From${i}`));
      for (const app of [a, ...joiners])
        await waitFor('the accounts of every joiner', () =>
          ['From0', 'From1', 'From2'].every((x) => issuers(app).includes(x)),
        );
    });

    it('overlapping invitations: the second used first pairs with its own device, and the first still works', async () => {
      const { folder, a } = await group();
      const first = await a.app.sync.invite();
      const second = await a.app.sync.invite();
      const tablet = await unlockedApp();
      await joinsAndMatches(a, tablet, second.phrase, 'Tablet');
      // The first invitation was not used up by the tablet's arrival.
      const laptop = await unlockedApp();
      const joined = await laptop.app.sync.join(folder, first.phrase, 'Laptop');
      expect(joined.joined).toBe(true);
      await laptop.app.adding.addUri(uri('FromLaptop'));
      await waitFor('the laptop is a member on the desk', () => issuers(a).includes('FromLaptop'));
      await waitFor('and on the tablet', () => issuers(tablet).includes('FromLaptop'));
      // The screen still shows the tablet for the invitation it shows.
      expect(a.app.sync.status().invitation?.newDevice?.device).toBe(idOf(tablet));
    });
  },
);

describe("an invitation's 15 minutes are the inviter's (G3)", () => {
  it('a joining computer whose clock is 20 minutes ahead joins with a fresh invitation', async () => {
    const { a } = await group();
    const { phrase } = await a.app.sync.invite();
    const b = await unlockedApp();
    await b.clock.advance(20 * 60_000);
    await joinsAndMatches(a, b, phrase, 'Laptop');
  });

  it('once 15 minutes are over by the inviter’s clock, its file is gone and the joiner waits for it', async () => {
    const { folder, a } = await group();
    const { phrase } = await a.app.sync.invite();
    const mine = join(folder, 'trayotp-sync', idOf(a));
    expect((await readdir(mine)).some((n) => n.startsWith('invite-'))).toBe(true);
    await a.clock.advance(16 * 60_000);
    await a.app.adding.addUri(uri('Tick')); // a save: the engine runs a round
    // The round that save starts removes it (waited for as long as any round may take here).
    await waitFor('the invitation file removed', async () =>
      (await readdir(mine)).every((n) => !n.startsWith('invite-')),
    );
    expect(a.app.sync.status().invitation).toBeNull();
    const b = await unlockedApp();
    const joined = await b.app.sync.join(folder, phrase, 'Laptop');
    expect(joined.joined).toBe(false);
    b.app.sync.cancelJoin();
  });
});
