// G4 when an invitation is made while the inviter's engine is in the middle of a round (found by
// the flaky "three invitations in a row" in invitations.test.ts: the person invites the next
// computer right after the previous one joined, while the inviter is still writing that one's
// introduction). The round must not put back the invitations it started with over the one just
// made: that invitation would be gone from the inviter, and the computer using it never paired.
// The round is held, deterministically, at the two places where it awaits between reading and
// writing the membership: writing an introduction, and reading the members' key files.
import { describe, it, vi } from 'vitest';
import type * as Rotation from '../../../../main/sync/rotation';
import { group, idOf, joinsAndMatches, unlockedApp } from './apps';
import type { FakeApp } from '../../../fakes/app';

/** A point in the engine's round where a test holds it until it is released. */
interface Hold {
  /** Which device's round, at which point. */
  device: string;
  point: 'introduction' | 'membership changed';
  reached: () => void;
  release: Promise<void>;
}

const holds = vi.hoisted(() => {
  const armed: Hold[] = [];
  return {
    armed,
    /** Holds `device`'s round once, the next time it reaches `point`. */
    next(device: string, point: Hold['point']) {
      let reached!: () => void;
      let release!: () => void;
      const hold: Hold = {
        device,
        point,
        reached: () => reached(),
        release: new Promise<void>((resolve) => (release = resolve)),
      };
      const isReached = new Promise<void>((resolve) => (reached = resolve));
      armed.push(hold);
      return { reached: isReached, release: () => release() };
    },
    async pass(device: string, point: Hold['point']) {
      const at = armed.findIndex((h) => h.device === device && h.point === point);
      if (at < 0) return;
      const [hold] = armed.splice(at, 1);
      hold!.reached();
      await hold!.release;
    },
  };
});

vi.mock('../../../../main/sync/rotation', async (importOriginal) => {
  const original = await importOriginal<typeof Rotation>();
  return {
    ...original,
    writeIntroduction: async (options: Parameters<typeof original.writeIntroduction>[0]) => {
      await holds.pass(options.device, 'introduction');
      return original.writeIntroduction(options);
    },
    readMembership: async (...args: Parameters<typeof original.readMembership>) => {
      const round = await original.readMembership(...args);
      if (round.changed) await holds.pass(args[3], 'membership changed');
      return round;
    },
  };
});

describe('an invitation made while the inviter is in a round (G4)', { timeout: 240_000 }, () => {
  it('made while the inviter writes the previous joiner’s introduction, it still pairs', async () => {
    const { a } = await group();
    const laptop = await unlockedApp();
    const first = await a.app.sync.invite();
    const held = holds.next(idOf(a), 'introduction');
    await joinsAndMatchesWhile(a, laptop, first.phrase, 'Laptop', held);
  });

  it('made while the inviter reads another member’s introduction, it still pairs', async () => {
    const { a } = await group();
    const b = await unlockedApp();
    await joinsAndMatches(a, b, (await a.app.sync.invite()).phrase, 'Laptop');
    // b invites c: a's round that reads b's introduction of c changes a's membership.
    const c = await unlockedApp();
    const held = holds.next(idOf(a), 'membership changed');
    await joinsAndMatchesWhile(b, c, (await b.app.sync.invite()).phrase, 'Tablet', held, a);
  });
});

/**
 * `joiner` joins `inviter`'s group with `phrase`; while `held` holds `maker`'s round, `maker`
 * makes an invitation, and a new computer joins with it once the round goes on.
 */
async function joinsAndMatchesWhile(
  inviter: FakeApp,
  joiner: FakeApp,
  phrase: string,
  name: string,
  held: { reached: Promise<void>; release: () => void },
  maker = inviter,
) {
  const joined = await joiner.app.sync.join(inviter.app.sync.status().folder!, phrase, name);
  if (!joined.joined) throw new Error(`${name} did not join`);
  await held.reached;
  const next = await maker.app.sync.invite();
  held.release();
  await joinsAndMatches(maker, await unlockedApp(), next.phrase, 'Server');
}
