// The steps of the sync model test (fast-check commands over World). Each runs, then the world
// checks its invariants (World.#observe runs after every round and unlock).
import fc from 'fast-check';
import type { VaultFault } from './memory-vault';
import type { World } from './world';
import { CRASH_MODES } from './crash-fs';
import { ghostWrites, rejoin, replayCode } from './rejoin';

type Step = fc.AsyncCommand<object, World>;

class Act implements Step {
  constructor(
    readonly label: string,
    readonly act: (world: World) => Promise<void> | void,
  ) {}
  check(): boolean {
    return true;
  }
  async run(_model: object, world: World): Promise<void> {
    world.log.push(this.label);
    world.tick();
    await this.act(world);
  }
  toString(): string {
    return this.label;
  }
}

const dev = fc.nat(3);
/** Which file or account: mostly the newest few (index 0 is the newest). */
const pick = fc.oneof(fc.constant(0), fc.constant(1), fc.nat(40));
const YEAR = 365 * 24 * 3600_000;

// The app starts a round right after every save (localChanged), so a change is followed by one;
// a change made while the engine is stopped waits for the next unlock.
const add = dev.map(
  (d) =>
    new Act(`add@${d}`, async (w) => {
      w.add(w.device(d));
      await w.round(w.device(d));
    }),
);
const round = dev.map((d) => new Act(`round@${d}`, (w) => w.round(w.device(d))));
const deliver = fc
  .tuple(dev, dev, pick)
  .map(
    ([to, from, p]) =>
      new Act(`deliver ${from}→${to}#${p}`, (w) => w.deliver(w.device(to), w.device(from), p)),
  );

const arrive = fc
  .tuple(dev, dev, fc.integer({ min: 1, max: 4 }), fc.nat(5), fc.nat(4))
  .map(
    ([to, from, count, order, lockAfter]) =>
      new Act(`${count} files ${from}→${to} order ${order} lock after ${lockAfter}`, (w) =>
        w.arrive(w.device(to), w.device(from), count, order, lockAfter),
      ),
  );

// Repeated entries weigh more: most steps are changes, rounds and single files arriving.
const all: fc.Arbitrary<Step>[] = [
  add,
  add,
  add,
  round,
  round,
  round,
  deliver,
  arrive,
  arrive,
  arrive,
  arrive,
  fc.tuple(dev, pick).map(
    ([d, p]) =>
      new Act(`rename@${d}#${p}`, async (w) => {
        w.rename(w.device(d), p);
        await w.round(w.device(d));
      }),
  ),
  fc.tuple(dev, pick).map(
    ([d, p]) =>
      new Act(`delete@${d}#${p}`, async (w) => {
        w.remove(w.device(d), p);
        await w.round(w.device(d));
      }),
  ),
  // A file arrives while the computer is locked (auto-lock), and it is unlocked again.
  fc.tuple(dev, dev, pick).map(
    ([to, from, p]) =>
      new Act(`lock@${to}, deliver ${from}→${to}#${p}, unlock`, async (w) => {
        w.lock(w.device(to));
        await w.deliver(w.device(to), w.device(from), p);
        await w.unlock(w.device(to));
      }),
  ),
  fc
    .tuple(dev, dev)
    .map(
      ([to, from]) =>
        new Act(`deliver all ${from}→${to}`, (w) => w.deliverAll(w.device(to), w.device(from))),
    ),
  fc
    .tuple(dev, dev, pick)
    .map(
      ([to, from, p]) =>
        new Act(`conflict copy ${from}→${to}#${p}`, (w) =>
          w.deliver(w.device(to), w.device(from), p, 'conflict'),
        ),
    ),
  fc
    .tuple(dev, dev, fc.nat(6))
    .map(
      ([to, of, keep]) =>
        new Act(`rollback ${to}'s copy of ${of} to ${keep} files`, (w) =>
          w.rollback(w.device(to), w.device(of), keep),
        ),
    ),
  fc
    .tuple(dev, dev, pick)
    .map(
      ([to, of, p]) =>
        new Act(`garbage in ${to}'s copy of ${of}#${p}`, (w) =>
          w.garbage(w.device(to), w.device(of), p),
        ),
    ),
  dev.map(
    (d) =>
      new Act(`lock+unlock@${d}`, async (w) => {
        w.lock(w.device(d));
        await w.unlock(w.device(d));
      }),
  ),
  dev.map((d) => new Act(`lock@${d}`, (w) => w.lock(w.device(d)))),
  dev.map((d) => new Act(`unlock@${d}`, (w) => w.unlock(w.device(d)))),
  fc
    .tuple(dev, fc.constantFrom<VaultFault>('before-write', 'after-write'))
    .map(([d, fault]) => new Act(`crash ${fault}@${d}`, (w) => w.round(w.device(d), fault))),
  // A crash in the middle of a write to the folder, at any write of a round (or of the unlock's
  // first round), in any of the ways a write can be left half done; the computer restarts.
  fc
    .tuple(dev, fc.nat(5), fc.constantFrom(...CRASH_MODES), fc.boolean())
    .map(
      ([d, at, mode, start]) =>
        new Act(`crash ${mode} at write ${at}${start ? ' of unlock' : ''}@${d}`, (w) =>
          w.crashWrite(w.device(d), at, mode, start),
        ),
    ),
  fc.tuple(dev, fc.integer({ min: -10 * YEAR, max: 10 * YEAR }), fc.boolean()).map(
    ([d, offset, hour]) =>
      new Act(`clock@${d} ${hour ? '+1h' : `${Math.round(offset / 86_400_000)}d`}`, (w) => {
        w.device(d).offsetMs = hour ? 3600_000 : offset;
      }),
  ),
];

// The vault's own backups: one is kept, and later restored.
all.push(
  dev.map((d) => new Act(`backup@${d}`, (w) => w.backupVault(w.device(d)))),
  fc
    .tuple(dev, pick)
    .map(([d, p]) => new Act(`restore@${d}#${p}`, (w) => w.restoreVault(w.device(d), p))),
);

/**
 * Removing a device (G2, S2's membership work): on unless TRAYOTP_MODEL_REMOVAL=0. The removed
 * device goes on editing and writing; nothing it writes after may be applied anywhere.
 */
if (process.env.TRAYOTP_MODEL_REMOVAL !== '0') {
  all.push(
    fc
      .tuple(dev, dev)
      .map(
        ([by, whom]) =>
          new Act(`remove ${whom} by ${by}`, (w) => w.removeDevice(w.device(by), w.device(whom))),
      ),
  );
}

/**
 * Re-invitation (rejoin.ts): a removed computer is invited again by a member and joins under a
 * new id (new keys, or its old key pair); its old identity comes back by itself, writing under
 * its old id or replaying a code it used before. On unless TRAYOTP_MODEL_REJOIN=0.
 */
if (process.env.TRAYOTP_MODEL_REJOIN !== '0') {
  const reinvite = fc
    .tuple(dev, dev, fc.boolean())
    .map(
      ([by, whom, same]) =>
        new Act(`reinvite ${whom} by ${by}${same ? ' same keys' : ''}`, (w) =>
          rejoin(w, w.device(by), w.device(whom), same),
        ),
    );
  all.push(
    reinvite,
    reinvite,
    fc
      .tuple(dev, pick)
      .map(([d, p]) => new Act(`ghost of ${d} writes#${p}`, (w) => ghostWrites(w, w.device(d), p))),
    fc
      .tuple(dev, pick, fc.boolean())
      .map(
        ([d, p, old]) =>
          new Act(`ghost of ${d} replays a used code${old ? ' under its old id' : ''}#${p}`, (w) =>
            replayCode(w, w.device(d), p, old),
          ),
      ),
  );
}

/** TRAYOTP_MODEL_WITHOUT=clock,garbage leaves steps out (to look for one bug behind another). */
const without = (process.env.TRAYOTP_MODEL_WITHOUT ?? '').split(',').filter(Boolean);
export const commands = all.filter((arbitrary) => {
  const label = (fc.sample(arbitrary, { numRuns: 1, seed: 1 })[0] as Act).label;
  return !without.some((w) => label.startsWith(w));
});
