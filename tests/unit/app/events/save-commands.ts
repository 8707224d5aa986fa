// The commands of the save-events model (issue 26): what a person (or another process) does,
// each followed by the world's staleness and one-event-per-save check (save-world.ts).
import fc from 'fast-check';
import type { AsyncCommand } from 'fast-check';
import { expect } from 'vitest';
import { parseOtpUri } from '../../../../main/otp';
import type { SaveModel } from './save-world';
import { SaveWorld } from './save-world';

type Cmd = AsyncCommand<SaveModel, SaveWorld>;

/** Runs one action, moving the clock a little first (uses get distinct times), then checks. */
async function step(model: SaveModel, world: SaveWorld, action: () => Promise<void>) {
  await world.f.clock.advance(10);
  const before = world.saveEvents;
  await action();
  await world.check(model, before);
}

/** The account the n-th pick means among those unlocked now, if any. */
function pick(world: SaveWorld, n: number) {
  const entries = world.f.app.session.current?.entries ?? [];
  return entries.length === 0 ? undefined : entries[n % entries.length];
}

/** A code handed out (copy or typing): an HOTP code not revealed yet is advanced and saved first. */
function handOut(model: SaveModel, id: string, hotp: boolean): void {
  if (hotp && !model.revealed.has(id)) {
    model.revealed.add(id);
    model.saves += 1; // the counter
  }
  model.saves += 1; // the use
}

export class Copy implements Cmd {
  constructor(readonly n: number) {}
  check = (m: Readonly<SaveModel>) => !m.locked;
  run = (model: SaveModel, world: SaveWorld) =>
    step(model, world, async () => {
      const entry = pick(world, this.n);
      if (!entry) return;
      await world.f.app.codes.copy(entry.id);
      handOut(model, entry.id, entry.type === 'hotp');
    });
  toString = () => `copy(${this.n})`;
}

export class Type implements Cmd {
  constructor(readonly n: number) {}
  check = (m: Readonly<SaveModel>) => !m.locked;
  run = (model: SaveModel, world: SaveWorld) =>
    step(model, world, async () => {
      const entry = pick(world, this.n);
      if (!entry) return;
      world.f.activeWindow.current = `Sign in to ${entry.issuer} — Mozilla Firefox`;
      expect(await world.f.app.typing.typeCurrentCode()).toBe('typed');
      handOut(model, entry.id, entry.type === 'hotp');
    });
  toString = () => `type(${this.n})`;
}

export class HotpNext implements Cmd {
  constructor(readonly n: number) {}
  check = (m: Readonly<SaveModel>) => !m.locked;
  run = (model: SaveModel, world: SaveWorld) =>
    step(model, world, async () => {
      const hotp = (world.f.app.session.current?.entries ?? []).filter((e) => e.type === 'hotp');
      const entry = hotp.length === 0 ? undefined : hotp[this.n % hotp.length];
      if (!entry) return;
      await world.f.app.codes.nextHotp(entry.id);
      model.revealed.add(entry.id);
      model.saves += 1;
    });
  toString = () => `hotp-next(${this.n})`;
}

export class Add implements Cmd {
  check = (m: Readonly<SaveModel>) => !m.locked && m.added < 8;
  run = (model: SaveModel, world: SaveWorld) =>
    step(model, world, async () => {
      await world.f.app.adding.addUri(SaveWorld.uri(model.added));
      model.added += 1;
      model.saves += 1;
    });
  toString = () => 'add';
}

export class Delete implements Cmd {
  constructor(readonly n: number) {}
  check = (m: Readonly<SaveModel>) => !m.locked;
  run = (model: SaveModel, world: SaveWorld) =>
    step(model, world, async () => {
      const entry = pick(world, this.n);
      if (!entry) return;
      await world.f.app.accounts.remove(entry.id);
      model.revealed.delete(entry.id);
      model.saves += 1;
    });
  toString = () => `delete(${this.n})`;
}

export class Lock implements Cmd {
  check = (m: Readonly<SaveModel>) => !m.locked;
  run = (model: SaveModel, world: SaveWorld) =>
    step(model, world, async () => {
      await world.f.app.session.lock();
      model.locked = true;
      model.revealed.clear();
    });
  toString = () => 'lock';
}

export class Unlock implements Cmd {
  check = (m: Readonly<SaveModel>) => m.locked;
  run = (model: SaveModel, world: SaveWorld) =>
    step(model, world, async () => {
      await world.f.app.session.unlock();
      model.locked = false;
      // Another process's save made meanwhile is taken in as one event.
      if (model.externalWhileLocked) model.saves += 1;
      model.externalWhileLocked = false;
    });
  toString = () => 'unlock';
}

/** Another process renames an account (or adds one) in the same file. */
export class ExternalSave implements Cmd {
  constructor(readonly n: number) {}
  check = () => true;
  run = (model: SaveModel, world: SaveWorld) =>
    step(model, world, async () => {
      const { other } = world;
      await other.refresh();
      const entry =
        other.entries.length > 0 ? other.entries[this.n % other.entries.length] : undefined;
      if (entry) await other.update(entry.id, { name: `renamed${this.n}` });
      else await other.add(parseOtpUri(SaveWorld.uri(7)).account);
      if (model.locked) {
        model.externalWhileLocked = true;
      } else {
        // The watcher may take it in first; asking now makes sure it is in by the check.
        await world.f.app.session.refresh();
        model.saves += 1;
      }
    });
  toString = () => `external-save(${this.n})`;
}

const index = fc.nat({ max: 7 });

export const saveCommands = [
  index.map((n) => new Copy(n)),
  index.map((n) => new Type(n)),
  index.map((n) => new HotpNext(n)),
  fc.constant(new Add()),
  index.map((n) => new Delete(n)),
  fc.constant(new Lock()),
  fc.constant(new Unlock()),
  index.map((n) => new ExternalSave(n)),
];
