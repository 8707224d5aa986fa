// The world of the sync model test: 2–4 devices, each with its own copy of the shared folder
// (as Syncthing keeps one per computer), its own vault and a real SyncEngine over its copy. The
// folder is the adversary: a device's files reach another copy one file at a time, in any order,
// twice (a conflict copy), late or never; any copy can be rolled back, this device's own
// included; an outsider writes garbage under any name. The person on each device adds, renames
// and deletes accounts; the computer locks, unlocks, crashes mid-round and jumps its clock by up
// to ten years. After every step the invariants of reference.ts are checked.
import { copyFile, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { SyncEngine } from '../../../../main/sync/engine';
import type { SyncVault } from '../../../../main/sync/engine';
import { newDeviceKeys } from '../../../../main/sync/device-keys';
import { newSyncKey } from '../../../../main/sync/keys';
import type { Membership } from '../../../../main/sync/membership';
import type { SyncKey } from '../../../../main/sync/keys';
import { DEVICE_CARD, SYNC_DIR } from '../../../../main/sync/names';
import type { FolderWatcher } from '../../../../main/sync/watch';
import { deviceId, sampleEntry, T0, uuid } from '../simulation';
import { MemoryVault } from './memory-vault';
import type { VaultFault } from './memory-vault';
import { editId, Reference } from './reference';
import { ageTemps, crash } from './crash-fs';
import { checkMembership, rejoin } from './rejoin';
import type { Ghost } from './rejoin';
import type { CrashMode } from './crash-fs';

const quiet: FolderWatcher = { watch: () => () => undefined };

export class ModelDevice {
  /** Its device id: a new one when it joins again after a removal (rejoin.ts). */
  id: string;
  readonly vault = new MemoryVault();
  engine: SyncEngine | undefined;
  offsetMs = 0;
  deviceKeys = newDeviceKeys();
  /** Joining again through a new invitation, until its inviter has introduced it. */
  joining: { inviter: ModelDevice; invite: string } | undefined;
  /** What it was before each re-join (rejoin.ts: the old identity may try to come back). */
  readonly ghosts: Ghost[] = [];
  /** Invitations this computer used (their codes stay known to it). */
  readonly used: { invite: string; code: string; inviter: string }[] = [];
  /** What the app keeps in the vault's secret `sync`: the keys and the membership. */
  saved: { keys: SyncKey[]; membership?: Membership };
  /** Another device removed this one (it goes on writing; nobody may use it). */
  removed = false;
  /** The vault's backups (the vault keeps older versions of itself). */
  readonly backups: ReturnType<MemoryVault['backup']>[] = [];

  constructor(
    readonly index: number,
    readonly folder: string,
    readonly world: World,
  ) {
    this.id = deviceId(index);
    this.saved = { keys: [world.key] };
  }

  now(): number {
    return this.world.time + this.offsetMs;
  }

  ownDir(): string {
    return join(this.folder, SYNC_DIR, this.id);
  }

  dirOf(author: ModelDevice): string {
    return join(this.folder, SYNC_DIR, author.id);
  }
}

export class World {
  time = T0;
  readonly devices: ModelDevice[] = [];
  readonly reference: Reference;
  readonly key: SyncKey = newSyncKey();
  readonly log: string[] = [];
  #accounts = 0;

  private constructor(
    readonly root: string,
    count: number,
  ) {
    for (let i = 0; i < count; i++)
      this.devices.push(new ModelDevice(i, join(root, `d${i}`), this));
    this.reference = new Reference(count);
  }

  static async create(root: string, count: number): Promise<World> {
    const world = new World(root, count);
    // A group of format 2, closed, as the devices' invitations left it: each vault pins every
    // member's keys (docs/sync.md § Membership), so only members' signed files count.
    const members = Object.fromEntries(
      world.devices.map((d) => [
        d.id,
        { sign: d.deviceKeys.signPublic, dh: d.deviceKeys.dhPublic },
      ]),
    );
    for (const d of world.devices)
      d.saved.membership = { open: false, members: { ...members }, removed: {}, invitations: [] };
    for (const d of world.devices) await mkdir(join(d.folder, SYNC_DIR), { recursive: true });
    for (const d of world.devices) await world.unlock(d);
    return world;
  }

  device(n: number): ModelDevice {
    return this.devices[n % this.devices.length]!;
  }

  tick(ms = 1000): void {
    this.time += ms;
  }

  // ---- the computers ------------------------------------------------------------------------

  async unlock(d: ModelDevice): Promise<void> {
    if (d.engine) return;
    const engine = this.engineFor(d, d.folder, d.vault, () => d.now());
    d.engine = engine;
    try {
      await engine.start();
    } catch (error) {
      this.#expectCrash(error);
      // A start that fails (a crash in its first round) leaves the computer to unlock again.
      engine.stop();
      d.engine = undefined;
    }
    this.#observe(d);
  }

  /** A real engine for an identity (a device, or a ghost of one) over a copy of the folder. */
  engineFor(
    who: Pick<ModelDevice, 'id' | 'deviceKeys' | 'saved'>,
    folder: string,
    vault: MemoryVault,
    now: () => number,
  ): SyncEngine {
    return new SyncEngine({
      folder,
      identity: {
        device: who.id,
        name: `device ${who.id}`,
        keys: who.saved.keys,
        deviceKeys: who.deviceKeys,
        ...(who.saved.membership && { membership: who.saved.membership }),
      },
      onKeysChanged: (keys) => (who.saved.keys = [...keys]),
      onMembershipChanged: (membership) => (who.saved.membership = membership),
      vault: vault as unknown as SyncVault,
      clock: { now },
      watcher: quiet,
      // Rounds run only when a step runs them (an introduction schedules one): never by a timer
      // in the middle of another step, so a run replays exactly from its seed.
      debounceMs: 2 ** 31 - 1,
      compactAfterFiles: 6,
    });
  }

  async list(dir: string): Promise<string[]> {
    return listDir(dir);
  }

  lock(d: ModelDevice): void {
    d.engine?.stop();
    d.engine = undefined;
  }

  /** One round; a round that throws is a crash: the engine is gone until the next unlock. */
  async round(d: ModelDevice, fault?: VaultFault): Promise<void> {
    if (!d.engine) return;
    d.vault.fault = fault;
    try {
      await d.engine.syncNow();
    } catch (error) {
      this.#expectCrash(error);
      this.lock(d);
    }
    d.vault.fault = undefined;
    this.#observe(d);
  }

  /**
   * A crash in the middle of a write to the folder (crash-fs.ts): the `at`-th write or removal
   * of the next round (or, `start`, of the unlock's first round) stops as `mode` says, the
   * process dies there, and the computer restarts (unlocks) with nothing cleaned up.
   */
  async crashWrite(d: ModelDevice, at: number, mode: CrashMode, start = false): Promise<void> {
    if (start) this.lock(d);
    crash.plan = { folder: `${d.folder}/`, at, mode, seen: 0, crashed: false };
    try {
      if (start) await this.unlock(d);
      else await this.round(d);
    } finally {
      crash.plan = undefined;
    }
    // The restart comes later than the crash (the temp files it left are minutes old by then).
    await ageTemps(d.ownDir(), 10 * 60_000);
    if (!d.engine) await this.unlock(d);
    // A half-written temp file is skipped by every reader, and its owner removes it when it
    // starts again: one crash never leaves junk in the folder for good.
    const left = (await listDir(d.ownDir())).filter((n) => n.startsWith('.trayotp-tmp-'));
    if (d.engine && left.length > 0)
      this.fail(`device ${d.index} restarted and left ${left.join(', ')} in its folder`);
  }

  /** Only the faults the test made may stop an engine; anything else is a failure. */
  #expectCrash(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    if (!message.startsWith('model:')) this.fail(`an engine failed: ${message}`);
  }

  // ---- the people ---------------------------------------------------------------------------

  add(d: ModelDevice): void {
    const n = ++this.#accounts;
    const id = uuid(n);
    const name = this.reference.edit(d.index, id);
    const now = d.now();
    d.vault.edit((entries) => [
      ...entries,
      sampleEntry(id, n, { name, createdAt: now, updatedAt: now }),
    ]);
  }

  rename(d: ModelDevice, pick: number): void {
    const entry = pickOf(d.vault.entries, pick);
    if (!entry) return;
    const name = this.reference.edit(d.index, entry.id);
    const now = d.now();
    d.vault.edit((entries) =>
      entries.map((e) => (e.id === entry.id ? { ...e, name, updatedAt: now } : e)),
    );
  }

  remove(d: ModelDevice, pick: number): void {
    const entry = pickOf(d.vault.entries, pick);
    if (!entry) return;
    this.reference.delete(d.index, entry.id);
    d.vault.edit((entries) => entries.filter((e) => e.id !== entry.id));
  }

  /**
   * `by` removes `whom` from the group (Settings → Sync → Remove). Refused removals (the card
   * not read yet, the last two devices) change nothing. The removed device goes on: its person
   * edits, its engine writes; nothing it writes after this may be used by anyone.
   */
  async removeDevice(by: ModelDevice, whom: ModelDevice): Promise<void> {
    const members = this.devices.filter((d) => !d.removed);
    if (by === whom || by.removed || whom.removed || !by.engine || members.length <= 2) return;
    // The new key is wrapped only for devices whose card the remover has read (docs/sync.md
    // § Keys: one it never read needs a new invitation), so the person removes only then.
    for (const m of members) {
      const names = m === by ? [] : await listDir(by.dirOf(m));
      if (m !== by && !names.includes(DEVICE_CARD)) return;
    }
    await this.round(by);
    if (!by.engine) return;
    try {
      await by.engine.removeDevice(whom.id);
    } catch {
      return;
    }
    whom.removed = true;
    this.reference.remove(whom.index, whom.id, by.index);
    this.#observe(by);
  }

  /** The vault keeps a backup of itself (it does at saves). */
  backupVault(d: ModelDevice): void {
    d.backups.push(d.vault.backup());
  }

  /**
   * The person restores an older backup of the vault (locked, restored, unlocked): accounts
   * added since come back from the folder, deletions made since are made again, and nothing is
   * sent as a change that the person did not make.
   */
  async restoreVault(d: ModelDevice, pick: number): Promise<void> {
    const copy = d.backups[pick % Math.max(1, d.backups.length)];
    if (!copy) return;
    this.lock(d);
    d.vault.restore(copy);
    await this.unlock(d);
  }

  // ---- the folder ---------------------------------------------------------------------------

  /** One file of `from`'s own folder reaches `to`'s copy (`as`: under a conflict copy's name). */
  async deliver(to: ModelDevice, from: ModelDevice, pick: number, as?: 'conflict'): Promise<void> {
    if (to === from) return;
    const names = (await listOwn(from)).filter((n) => n !== DEVICE_CARD).reverse();
    names.push(DEVICE_CARD);
    const name = names[pick % names.length];
    if (name === undefined) return;
    const target = as === 'conflict' ? conflictName(name) : name;
    if (target === undefined) return;
    await mkdir(to.dirOf(from), { recursive: true });
    await copyFile(join(from.ownDir(), name), join(to.dirOf(from), target));
  }

  /**
   * Several of `from`'s files reach `to` one at a time, in the order `order` gives (newest
   * first, oldest first, or shuffled by it), each noticed by a round as the app's watcher does;
   * after the `lockAfter`-th, the computer locks (auto-lock) and unlocks when the next arrives.
   */
  async arrive(
    to: ModelDevice,
    from: ModelDevice,
    count: number,
    order: number,
    lockAfter: number,
  ): Promise<void> {
    if (to === from) return;
    const names = (await listOwn(from)).filter((n) => n !== DEVICE_CARD);
    const copy = await listDir(to.dirOf(from));
    const fresh = names.filter((n) => !copy.includes(n));
    if (order === 0) fresh.reverse();
    else if (order > 1) fresh.sort((x, y) => hash(x, order) - hash(y, order));
    await mkdir(to.dirOf(from), { recursive: true });
    // The device card is small and comes first.
    await copyFile(join(from.ownDir(), DEVICE_CARD), join(to.dirOf(from), DEVICE_CARD));
    for (const [i, name] of fresh.slice(0, count).entries()) {
      await copyFile(join(from.ownDir(), name), join(to.dirOf(from), name));
      if (to.engine) await this.round(to);
      else await this.unlock(to);
      if (i === lockAfter) this.lock(to);
    }
  }

  /** `to`'s copy of `from`'s folder becomes exactly `from`'s (deletions included). */
  async deliverAll(to: ModelDevice, from: ModelDevice): Promise<void> {
    if (to === from) return;
    const names = new Set(await listOwn(from));
    await mkdir(to.dirOf(from), { recursive: true });
    for (const name of await listDir(to.dirOf(from)))
      if (!names.has(name)) await rm(join(to.dirOf(from), name), { force: true });
    for (const name of names) await copyFile(join(from.ownDir(), name), join(to.dirOf(from), name));
  }

  /** A rollback of `to`'s copy of `of`'s folder (its own included): files past `keep` go. */
  async rollback(to: ModelDevice, of: ModelDevice, keep: number): Promise<void> {
    const dir = to.dirOf(of);
    const seqs = (await listDir(dir)).filter((n) => /^\d{10}/.test(n)).sort();
    for (const name of seqs.slice(keep)) await rm(join(dir, name), { force: true });
  }

  /** An outsider writes garbage into `to`'s copy of `of`'s folder, over a file or beside them. */
  async garbage(to: ModelDevice, of: ModelDevice, pick: number): Promise<void> {
    const dir = to.dirOf(of);
    await mkdir(dir, { recursive: true });
    const names = (await listDir(dir)).filter((n) => /^\d{10}.*\.ts[ls]$/.test(n));
    const name =
      pick % 3 === 0 || names.length === 0
        ? `${String(9000 + (pick % 50)).padStart(10, '0')}.tsl`
        : names[pick % names.length]!;
    await writeFile(join(dir, name), Buffer.from(`garbage ${pick}`));
    this.garbageFiles.add(join(dir, name));
  }

  readonly garbageFiles = new Set<string>();

  /**
   * The end of the story: a person removes the garbage, every file reaches every copy, every
   * computer is unlocked and runs rounds until nothing changes.
   */
  async settle(): Promise<void> {
    for (const file of this.garbageFiles) await rm(file, { force: true });
    this.garbageFiles.clear();
    for (const d of this.devices) await this.unlock(d);
    await this.#passes();
    // A device still joining (its invitation ran out, or its inviter was removed): the person
    // makes a new invitation on a member, as the app tells them to.
    for (let attempt = 0; attempt < 2; attempt++) {
      const stuck = this.devices.filter((d) => d.joining && !d.removed);
      if (stuck.length === 0) break;
      for (const d of stuck) {
        const inviter = this.devices.find((m) => m !== d && !m.removed && !m.joining && m.engine);
        if (inviter) await rejoin(this, inviter, d, false);
      }
      await this.#passes();
    }
  }

  async #passes(): Promise<void> {
    // Until a pass changes nothing: no new file anywhere, no vault changed (at most 6 passes).
    for (let pass = 0, last = ''; pass < 6; pass++) {
      for (const to of this.devices)
        for (const from of this.devices) await this.deliverAll(to, from);
      this.tick();
      for (const d of this.devices) await this.round(d);
      const now = JSON.stringify(
        await Promise.all(
          this.devices.map(async (d) => [await listOwn(d), d.vault.entries.map((e) => e.name)]),
        ),
      );
      if (now === last) break;
      last = now;
    }
  }

  // ---- invariants ---------------------------------------------------------------------------

  #observe(d: ModelDevice): void {
    const reference = this.reference;
    if (d.removed) return; // what a removed device holds is its own business
    checkMembership(this, d);
    const now = new Set(d.vault.entries.map((e) => e.id));
    for (const account of reference.held[d.index]!) {
      if (
        !now.has(account) &&
        !reference.deletedBySomeone(account) &&
        !reference.touchedByRemoved(account)
      )
        this.fail(`${account} left device ${d.index} though nobody deleted it`);
    }
    // An edit of a removed device is refused by a device that has read the removal; one taken
    // while it had not (offline at the removal) may stay (docs/sync.md § Keys: kept, not sent).
    for (const entry of d.vault.entries) {
      const k = editId(entry.name);
      if (k !== undefined && reference.knows[d.index]!.has(k)) continue;
      if (k !== undefined && reference.afterRemoval(k, (id) => !!d.saved.membership?.removed[id]))
        this.fail(`device ${d.index} applied n${k}, written by a device after its removal`);
    }
    reference.observe(d.index, d.vault.entries);
  }

  /** After settle(): every device holds the same accounts, and the right ones. */
  checkSettled(): void {
    const reference = this.reference;
    const members = this.devices.filter((d) => !d.removed);
    for (const d of members) checkMembership(this, d, true);
    const first = members[0]!;
    const view = (d: ModelDevice) =>
      d.vault.entries
        .filter((e) => !reference.onlyFromRemoved(e.id))
        .map((e) => `${e.id}=${e.name}`)
        .sort();
    for (const d of members)
      if (JSON.stringify(view(d)) !== JSON.stringify(view(first)))
        this.fail(
          `devices 0 and ${d.index} differ: ${view(first).join(' ')} / ${view(d).join(' ')}`,
        );
    const held = new Map(first.vault.entries.map((e) => [e.id, e]));
    for (const account of reference.accounts()) {
      if (reference.touchedByRemoved(account)) continue;
      if (!reference.deletedBySomeone(account) && !held.has(account))
        this.fail(`${account} is gone everywhere though nobody deleted it`);
      if (
        reference.surelyDeleted(account) &&
        held.has(account) &&
        !reference.deletionMayLoseToRewrite(account)
      )
        this.fail(`${account} came back though its deleter had seen every edit of it`);
    }
    for (const entry of held.values()) {
      if (reference.touchedByRemoved(entry.id)) continue;
      const k = editId(entry.name);
      const later = k === undefined ? undefined : reference.supersededEdit(k);
      if (later !== undefined && !reference.mayLoseToRewrite(later))
        this.fail(`${entry.id} shows n${k}, but n${later} was made after seeing it`);
    }
  }

  fail(message: string): never {
    expect.fail(`${message}\n  steps: ${this.log.join('; ')}`);
  }

  async dispose(): Promise<void> {
    for (const d of this.devices) this.lock(d);
    await rm(this.root, { recursive: true, force: true });
  }
}

function pickOf<T>(list: readonly T[], pick: number): T | undefined {
  return list.length === 0 ? undefined : list[pick % list.length];
}

async function listDir(dir: string): Promise<string[]> {
  return readdir(dir).catch(() => [] as string[]);
}

/** A device's own files, sorted (temp files of a write in progress are never seen here). */
async function listOwn(d: ModelDevice): Promise<string[]> {
  return (await listDir(d.ownDir())).filter((n) => !n.startsWith('.')).sort();
}

function conflictName(name: string): string | undefined {
  const match = /^(\d{10})\.(tsl|tss)$/.exec(name);
  return match ? `${match[1]}.sync-conflict-20261203-101500-ABCDEFG.${match[2]}` : undefined;
}

function hash(name: string, salt: number): number {
  let h = salt;
  for (const c of name) h = (Math.imul(h, 31) + c.charCodeAt(0)) | 0;
  return h;
}
