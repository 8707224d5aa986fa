// The sync service (docs/sync.md § Applying, § Compaction): local vault changes become records
// in this device's folder; files arriving from other devices are merged into the vault in one
// locked write. Plain values in and out; the folder watcher and the clock are ports.
import { isDeepStrictEqual } from 'node:util';
import type { Entry } from '../vault/entries';
import { planApply } from './apply';
import { compactOwn } from './compact';
import { creationRecords } from './diff';
import { readState, stateSecrets, emptyState } from './applied-state';
import type { AppliedState } from './applied-state';
import {
  highestOwnSeq,
  lostOwnRecords,
  ownFileExists,
  parseRecords,
  stateAfter,
  stateFromFolder,
} from './applied-round';
import { localRecords } from './local-changes';
import { clockReport } from './clock-notice';
import type { DeviceKeys } from './device-keys';
import { readMembership, writeIntroduction, writeRotation } from './rotation';
import type { JoinRequest } from './rotation';
import { INVITATION_TTL_MS, removeInvitations } from './invitation';
import { closeMembership, fileRefusal, openMembership, verifyJoin } from './membership';
import type { Member, Membership, OpenInvitation } from './membership';
import { ReadCache, readSyncFolder } from './folder-read';
import type { DeviceLog, DeviceProblem, FolderState } from './folder-read';
import { join } from 'node:path';
import { SYNC_DIR, seqName } from './names';
import { removeOwnFile, removeStaleTemps, writeDeviceCard, writeLogFile } from './folder-write';
import { HybridClock, maxHlc, parseHlc } from './hlc';
import type { Hlc } from './hlc';
import type { SyncKey } from './keys';
import { merge } from './merge';
import type { MergeResult } from './merge';
import { recordKey } from './records';
import type { SyncRecord } from './records';
import { FsFolderWatcher } from './watch';
import type { FolderWatcher } from './watch';

/** The part of the vault sync uses: `Vault` has both. */
export interface SyncVault {
  readonly entries: readonly Entry[];
  /** One locked write, merged entry by entry with what another program saved meanwhile. */
  replaceEntries(
    next: Entry[],
    options?: { secrets?: Record<string, string | undefined>; bookkeeping?: boolean },
  ): Promise<void>;
  /**
   * The vault's own secrets: sync keeps what it applied there (applied-state.ts), saved with
   * the entries through replaceEntries' `secrets`. Without it (test doubles) that record lives
   * only as long as the engine.
   */
  secret?(name: string): string | undefined;
}

export interface SyncIdentity {
  /** This installation's device id (newDeviceId()). */
  device: string;
  /** Shown to the other devices (in the encrypted device card). */
  name: string;
  /** The sync key first; older keys after it, to read files not yet re-written. */
  keys: SyncKey[];
  /** This device's signing and key-agreement pairs: every file it writes is signed with them. */
  deviceKeys?: DeviceKeys;
  /**
   * Who is in the group, as kept in the vault (docs/sync.md § Membership). Absent: format 1's
   * open group, where a device is believed from its first card (the app closes it).
   */
  membership?: Membership;
}

export interface SyncEngineDeps {
  /** The folder the person chose; TrayOTP writes only under its trayotp-sync/. */
  folder: string;
  identity: SyncIdentity;
  vault: SyncVault;
  clock: { now(): number };
  watcher?: FolderWatcher;
  /** Merges wait this long after a change is noticed, so a burst of files is one merge. */
  debounceMs?: number;
  /** Compact once own live files exceed this many, or this many bytes of records. */
  compactAfterFiles?: number;
  onStatus?: (status: SyncStatus) => void;
  /** The keys changed (a rotation): the app stores them in its secret store. */
  onKeysChanged?: (keys: SyncKey[]) => void;
  /**
   * What this computer's clock must add to be right, when the app's clock check measured it
   * (undefined otherwise): it says whose clock is wrong when two computers disagree (G3).
   */
  clockOffsetMs?: () => number | undefined;
  /** The membership changed (a device introduced or removed, an invitation made or over). */
  onMembershipChanged?: (membership: Membership) => void;
  /** This device let a device in through one of its invitations (G4: exactly that one). */
  onIntroduced?: (joined: { invite: string; device: string }) => void;
}

export interface DeviceStatus {
  device: string;
  name: string | undefined;
  /** Wall time (ms) of the newest record or acknowledgement of this device; null if none. */
  lastSeen: number | null;
  /** How far its clock runs ahead of ours, when more than the accepted skew. */
  clockAheadMs: number;
  problem: DeviceProblem | undefined;
  thisDevice: boolean;
  /** A key rotation took it out of the group (this device too, when another removed it). */
  removed: boolean;
}

export interface MergeReport {
  at: number;
  added: number;
  changed: number;
  removed: number;
  recorded: number;
  keptUnmentioned: number;
  incomplete: string[];
}

export interface SyncStatus {
  devices: DeviceStatus[];
  lastMerge: MergeReport | undefined;
  problems: DeviceProblem[];
  /** The last round's failure (the folder unreachable, the vault busy…), if it failed. */
  error: string | undefined;
  /** Whose clock is wrong, in one sentence (clock-notice.ts), when the clocks disagree. */
  clockNotice?: string | undefined;
}

const DEFAULT_COMPACT_AFTER_FILES = 64;

export class SyncEngine {
  readonly #deps: SyncEngineDeps;
  readonly #clock: HybridClock;
  /** Every record accepted this session: a file removed by compaction loses nothing. */
  readonly #cache = new Map<string, SyncRecord>();
  /** What this computer applied, as saved with its vault (G1); loaded at the first round. */
  #applied: AppliedState | undefined;
  /** Whether #applied is in the vault as it is (else the round saves it). */
  #appliedSaved = false;
  #nextSeq = 1;
  /** This device's newest log file in its folder: the `after` of the next one it writes. */
  #lastLogSeq = 0;
  /** Per device, the newest of its HLCs this device may acknowledge (DeviceLog.ackUpTo). */
  #ackable = new Map<string, Hlc | undefined>();
  /** The acknowledgement last written to our folder. */
  #ackWritten: Record<string, Hlc> = {};
  #queue: Promise<unknown> = Promise.resolve();
  #status: SyncStatus = { devices: [], lastMerge: undefined, problems: [], error: undefined };
  #ahead = new Map<string, number>();
  /** Device names from the cards read this session (a card read once is not read again). */
  readonly #names = new Map<string, string>();
  #stopWatch: (() => void) | undefined;
  #timer: NodeJS.Timeout | undefined;
  #keys: SyncKey[];
  /** Kept in the vault: what is in the folder can be deleted or added by anyone who writes it. */
  #membership: Membership;
  /** Bumped at each change of the membership: files are checked again under the new one. */
  #membershipVersion = 0;
  /**
   * Removed devices and the last file of each the remover had read: files above it are reported,
   * and none of their records is used (the remover re-wrote what they held).
   */
  readonly #removed = new Map<string, number>();
  #joins: JoinRequest[] = [];
  /**
   * A member this device introduced holds only an older key (its invitation was made before a
   * rotation reached this device): the id of the key it holds, to give it every newer key
   * (#shareKey).
   */
  #shareUnder: string | undefined;
  /** Invitations of this device used or over this session: their files go at once. */
  #closedInvitations = new Set<string>();
  /** Files decoded in earlier rounds: an unchanged file is not read again (docs/sync.md G6). */
  readonly #readCache = new ReadCache();

  constructor(deps: SyncEngineDeps) {
    this.#deps = deps;
    this.#clock = new HybridClock(deps.identity.device, () => deps.clock.now());
    this.#keys = [...deps.identity.keys];
    this.#membership = deps.identity.membership ?? openMembership();
    for (const [device, { upToSeq }] of Object.entries(this.#membership.removed))
      this.#removed.set(device, upToSeq);
  }

  /**
   * This device's folder is read first, whatever else the folder holds (G5); every file must be
   * its member's, signed by it (G2).
   */
  #readOptions() {
    return {
      removed: this.#removed,
      self: this.#deps.identity.device,
      cache: this.#readCache,
      verify: {
        version: String(this.#membershipVersion),
        check: (device: string, file: Parameters<typeof fileRefusal>[2]) =>
          fileRefusal(this.#membership, device, file),
      },
    };
  }

  /** Who is in the group (kept by the app in its vault). */
  get membership(): Membership {
    return this.#membership;
  }

  /** The sync key in use first, then older ones. */
  get keys(): readonly SyncKey[] {
    return this.#keys;
  }

  get status(): SyncStatus {
    return this.#status;
  }

  /** Writes this device's card, merges once, then watches the folder. */
  async start(): Promise<SyncStatus> {
    const { folder, identity } = this.#deps;
    await writeDeviceCard(
      folder,
      identity.device,
      {
        name: identity.name,
        createdAt: this.#deps.clock.now(),
        ...(identity.deviceKeys
          ? { sign: identity.deviceKeys.signPublic, dh: identity.deviceKeys.dhPublic }
          : {}),
      },
      this.#keys[0]!,
      identity.deviceKeys,
    );
    // What a crash left half-written (never renamed into place) goes before anything else.
    await removeStaleTemps(folder, identity.device);
    const status = await this.syncNow();
    // Files arriving are noticed by the folder's watcher; saves of the vault are told
    // (localChanged: the app hears every save as an event), so nothing polls the vault.
    const watcher = this.#deps.watcher ?? new FsFolderWatcher();
    this.#stopWatch = watcher.watch(join(folder, SYNC_DIR), () => this.#schedule());
    return status;
  }

  stop(): void {
    this.#stopWatch?.();
    this.#stopWatch = undefined;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** The vault was saved here (the app calls this at every save event of the vault). */
  localChanged(): void {
    this.#schedule();
  }

  /** Waits for every round queued so far. */
  async idle(): Promise<SyncStatus> {
    await this.#queue.catch(() => undefined);
    return this.#status;
  }

  #schedule(): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.syncNow().catch(() => undefined);
    }, this.#deps.debounceMs ?? 100);
  }

  /** One round: record local changes, merge every log, apply, acknowledge, maybe compact. */
  syncNow(): Promise<SyncStatus> {
    const run = this.#queue.then(() => this.#round());
    this.#queue = run.catch(() => undefined);
    return run.catch((error: unknown) => {
      this.#status = {
        ...this.#status,
        error: error instanceof Error ? error.message : String(error),
      };
      this.#deps.onStatus?.(this.#status);
      throw error;
    });
  }

  async #round(): Promise<SyncStatus> {
    const { folder, identity, vault } = this.#deps;
    const me = identity.device;
    const membershipProblems = await this.#learnMembership();
    const state = await readSyncFolder(folder, this.#keys, this.#readOptions());
    state.problems.push(...membershipProblems);
    const mine = state.devices.find((d) => d.device === me);
    const firstRound = this.#applied === undefined;
    if (firstRound) this.#lastLogSeq = newestOwnLogFile(mine);
    this.#ackable = new Map(state.devices.map((log) => [log.device, log.ackUpTo]));
    const loaded = firstRound ? await this.#loadApplied(mine) : undefined;
    const applied = this.#applied!;
    if (firstRound) {
      this.#ackWritten = { ...(mine?.seen ?? {}) };
      // A promised segment just written again is this device's, in its folder now.
      if (mine && loaded?.pending) mine.records.push(...loaded.pending.records);
    }
    // Above every own name present, readable or not, and above every number handed out before
    // (kept with the vault): an own file is never overwritten, even after a rollback (G1, G5).
    this.#nextSeq = Math.max(
      this.#nextSeq,
      (mine?.maxSeq ?? 0) + 1,
      (await highestOwnSeq(folder, me)) + 1,
      // At a start: above the numbers the last session may have used (reserved ahead).
      firstRound ? applied.seq + 1 : 0,
    );
    const arrived: { device: string; at: Hlc }[] = [];
    for (const log of state.devices) {
      // Nothing of a removed device counts: the remover re-wrote what it held (G2).
      if (this.#removed.has(log.device)) continue;
      for (const record of log.records) {
        const key = recordKey(record);
        if (this.#cache.has(key)) continue;
        this.#cache.set(key, record);
        arrived.push({ device: log.device, at: record.at });
      }
    }
    // This device's own deletions stay in force whatever happened to the files holding them.
    for (const [id, at] of applied.tombs) {
      const tomb: SyncRecord = { at, id, f: 'del', v: null };
      this.#cache.set(recordKey(tomb), tomb);
    }
    const firstJoin = firstRound && loaded === undefined && mine === undefined;
    if (firstRound && loaded === undefined && mine !== undefined)
      stateFromFolder(applied, vault.entries, this.#cache.values());

    // A device joining with accounts the group already has (imported on both computers before
    // sync was turned on) takes the group's entry instead of adding a twin.
    const { local, twins, counters } = firstJoin
      ? this.#adoptTwins(vault.entries)
      : { local: vault.entries, twins: new Map<string, Entry>(), counters: [] };

    // 1. Local changes → records: what differs from what this computer applied (never from
    //    what the folder suggests). They are stamped before the clock follows what just
    //    arrived: they were made without having seen it. Own records the folder lost go again.
    const changes = [
      ...localRecords(applied, local, (madeAt) => this.#clock.next(madeAt)),
      ...counters,
    ];
    const records = [
      ...changes,
      ...(mine && ownFilesUsable(mine, state.problems)
        ? lostOwnRecords({
            me,
            cache: this.#cache.values(),
            ownInFolder: mine.records,
            local,
            applied,
            changedHere: new Set(changes.map((r) => r.id)),
            now: this.#deps.clock.now(),
            next: () => this.#clock.next(),
          })
        : []),
    ];
    for (const record of records) this.#cache.set(recordKey(record), record);
    // The clock follows everything merged (G3). A device's clock is judged by its newest
    // record stamped from its own clock (counter 0: the wall came from its clock, not from one
    // it followed), so a computer that only followed a fast one is never blamed for it.
    arrived.sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0));
    for (const { device, at } of arrived) {
      const ahead = this.#clock.receive(at);
      if (device === me || parseHlc(at).counter !== 0) continue;
      if (ahead > 0) this.#ahead.set(device, ahead);
      else this.#ahead.delete(device);
    }

    // 2–4. Merge everything and apply it in one locked write.
    const merged = merge(this.#cache.values());
    const plan = planApply(local, merged);
    if (twins.size > 0) {
      plan.next = plan.next.map((e) => {
        const twin = twins.get(e.id);
        return twin ? { ...e, lastUsedAt: twin.lastUsedAt } : e;
      });
    }
    // One locked write: the merged entries and the record of what is now applied, with the
    // segment of local records it promises (written next, and again after a crash).
    const entriesChanged = plan.added + plan.changed + plan.removed > 0;
    const seq = this.#nextSeq;
    const after = stateAfter(applied, plan.next, merged, records, this.#clock.last, seq);
    if (entriesChanged || records.length > 0 || !this.#appliedSaved || seq + 4 > applied.seq) {
      await vault.replaceEntries(plan.next, {
        secrets: stateSecrets(after),
        bookkeeping: !entriesChanged,
      });
      this.#applied = after;
      this.#appliedSaved = true;
    } else this.#applied = { ...after, pending: applied.pending, seq: applied.seq };
    if (records.length > 0) await this.#writeSegment(records, this.#ackWritten);

    // 5. Acknowledge what was merged (only once it is in the vault).
    const seen = this.#seen();
    if (!isDeepStrictEqual(seen, this.#ackWritten)) await this.#writeSegment([], seen);

    await this.#maybeCompact(state, mine, seen);
    await this.#tidyInvitations();
    await this.#shareKey();
    this.#status = this.#report(state, merged, plan, records.length);
    this.#deps.onStatus?.(this.#status);
    return this.#status;
  }

  #adoptTwins(entries: readonly Entry[]): {
    local: Entry[];
    twins: Map<string, Entry>;
    counters: SyncRecord[];
  } {
    const group = merge(this.#cache.values()).accounts;
    const twins = new Map<string, Entry>();
    const counters: SyncRecord[] = [];
    const local = entries.filter((mine) => {
      const match = group.find((g) => !twins.has(g.entry.id) && sameCodes(g.entry, mine));
      if (!match) return true;
      twins.set(match.entry.id, mine);
      // A higher HOTP counter here must not be forgotten: a code already shown would come back.
      if (mine.counter > match.entry.counter) {
        counters.push({
          at: this.#clock.next(),
          id: match.entry.id,
          f: 'counter',
          v: { otp: match.otpAt, n: mine.counter },
        });
      }
      return false;
    });
    return { local, twins, counters };
  }

  /**
   * The first round: what this computer applied, from its vault. A segment the last save
   * promised but a crash kept from the folder is written now, under its own number; the clock
   * goes on above every HLC it handed out. Undefined when the vault holds no state of this
   * device (the caller then starts from the folder, never writing a deletion).
   */
  async #loadApplied(mine: DeviceLog | undefined): Promise<AppliedState | undefined> {
    const { folder, identity, vault } = this.#deps;
    const me = identity.device;
    const secret = vault.secret?.bind(vault);
    const loaded = secret ? readState({ secret }, me, parseRecords) : undefined;
    this.#applied = loaded ?? emptyState(me);
    this.#appliedSaved = loaded !== undefined;
    if (loaded?.hlc) this.#clock.receive(loaded.hlc);
    const pending = loaded?.pending;
    if (pending && !(await ownFileExists(folder, me, pending.seq))) {
      this.#nextSeq = pending.seq;
      await this.#writeSegment(pending.records, this.#ackWritten);
      for (const record of pending.records) this.#cache.set(recordKey(record), record);
    } else if (pending && mine?.left.includes(seqName(pending.seq, 'segment'))) {
      // Its file is there but does not read (a crash tore the write): its records still count,
      // and what of them still matters is written again above every own number (lostOwnRecords);
      // the torn file itself is never overwritten (G5).
      for (const record of pending.records) this.#cache.set(recordKey(record), record);
      return { ...loaded!, pending: undefined };
    }
    return loaded;
  }

  /**
   * The acknowledgement: for each device, the newest of its HLCs merged here, but never past
   * what its files, read as an unbroken chain from its base, hold (DeviceLog.ackUpTo). A segment
   * N+1 merged while N has not arrived must not acknowledge N's records: another device could
   * then drop a tombstone in N that this one never got (docs/sync.md § Tombstones).
   */
  #seen(): Record<string, Hlc> {
    const me = this.#deps.identity.device;
    const merged: Record<string, Hlc> = {};
    for (const record of this.#cache.values()) {
      const device = record.at.slice(19);
      if (device !== me) merged[device] = maxHlc(merged[device], record.at)!;
    }
    const seen: Record<string, Hlc> = { ...this.#ackWritten };
    for (const [device, newest] of Object.entries(merged)) {
      const chain = this.#ackable.get(device);
      if (chain === undefined) continue;
      const upTo = newest < chain ? newest : chain;
      seen[device] = maxHlc(seen[device], upTo)!;
    }
    return seen;
  }

  /**
   * Devices that used one of this device's invitations are introduced, each paired with the
   * invitation its join request names (G4); invitations go once used or over by this computer's
   * clock, and with them their files.
   */
  async #tidyInvitations(): Promise<void> {
    const { folder, identity } = this.#deps;
    const now = this.#deps.clock.now();
    // What this round changes: the invitations used and the members they let in. The person may
    // make an invitation (addInvitation) while an introduction is being written, so the membership
    // is taken again after the last await: one made meanwhile stays open (it was lost before, and
    // the computer using it was never paired: invitation-mid-round.test.ts).
    const used = new Set<string>();
    const members: Record<string, Member> = {};
    const introduced: { invite: string; device: string }[] = [];
    for (const join of this.#joins) {
      const invitation = this.#membership.invitations.find(
        (i) => !used.has(i.invite) && verifyJoin(i, join),
      );
      // The request must reach this computer within the invitation's life and as long again
      // (for the sync program to carry it back), both by this computer's clock.
      if (!invitation || now > invitation.expiresAt + INVITATION_TTL_MS || !identity.deviceKeys)
        continue;
      const seq = this.#nextSeq++;
      await writeIntroduction({
        folder,
        device: identity.device,
        seq,
        at: this.#clock.next(),
        deviceKeys: identity.deviceKeys,
        key: this.#keys[0]!,
        intro: { device: join.device, invite: join.invite, sign: join.sign, dh: join.dh },
      });
      used.add(invitation.invite);
      members[join.device] = { sign: join.sign, dh: join.dh, by: { device: identity.device, seq } };
      introduced.push({ invite: invitation.invite, device: join.device });
      if (join.key !== undefined && join.key !== this.#keys[0]!.id) this.#shareUnder = join.key;
    }
    this.#joins = [];
    const current = this.#membership;
    const open = current.invitations.filter(
      (i) => !used.has(i.invite) && now <= i.expiresAt + INVITATION_TTL_MS,
    );
    if (open.length !== current.invitations.length || introduced.length > 0) {
      this.#setMembership({
        ...current,
        members: { ...current.members, ...members },
        invitations: open,
      });
    }
    for (const joined of introduced) this.#deps.onIntroduced?.(joined);
    // The file itself goes at the end of the invitation's 15 minutes.
    const live = new Set(open.filter((i) => now <= i.expiresAt).map((i) => i.invite));
    const closed = new Set(this.#closedInvitations);
    for (const i of this.#membership.invitations) if (!live.has(i.invite)) closed.add(i.invite);
    for (const { invite } of introduced) closed.add(invite);
    this.#closedInvitations = closed;
    await removeInvitations(folder, identity.device, now, { open: live, closed });
    // The new member's files were refused in this round: read them now.
    if (introduced.length > 0) this.#schedule();
  }

  /** An invitation this device just made (its MAC key; the code itself is never kept). */
  addInvitation({ invite, mac, expiresAt }: OpenInvitation): void {
    this.#setMembership({
      ...this.#membership,
      invitations: [...this.#membership.invitations, { invite, mac, expiresAt }].slice(-16),
    });
  }

  /**
   * Ends format 1's open group (the app's first unlock after the update): the devices believed so
   * far are the members, and their unsigned files count only up to what is in the folder now.
   */
  closeMembership(): Promise<void> {
    const run = this.#queue.then(async () => {
      if (!this.#membership.open) return;
      const state = await readSyncFolder(this.#deps.folder, this.#keys, this.#readOptions());
      this.#setMembership(
        closeMembership(this.#membership, new Map(state.devices.map((d) => [d.device, d.maxSeq]))),
      );
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #setMembership(next: Membership): void {
    this.#membership = next;
    this.#membershipVersion++;
    this.#deps.onMembershipChanged?.(next);
  }

  /**
   * Reads the members' key files: keys learned, devices introduced and removed, kept in the vault.
   * A device removed just now has its records dropped from what this session accepted, so what it
   * wrote after its removal (read before the rotation reached us) stops counting at once.
   */
  async #learnMembership(): Promise<DeviceProblem[]> {
    const { folder, identity } = this.#deps;
    const round = await readMembership(
      folder,
      this.#keys,
      this.#membership,
      identity.device,
      identity.deviceKeys,
    );
    const before = this.#keys[0]!.id;
    const known = new Set(this.#keys.map((k) => k.id));
    this.#learnKeys(round.keys);
    // This device's open invitations are its own: readMembership leaves them as they were when it
    // began, and one made while it read (addInvitation) must not be dropped with them.
    if (round.changed)
      this.#setMembership({ ...round.membership, invitations: this.#membership.invitations });
    // A rotation made without a member this device let in (concurrent with the introduction):
    // that member got no wrap of the new key, so this device gives it every key since.
    for (const { newKey, for: wrapped } of round.wrapped) {
      if (known.has(newKey)) continue;
      for (const [device, member] of Object.entries(this.#membership.members))
        if (member.by?.device === identity.device && !wrapped.includes(device))
          this.#shareUnder = before;
    }
    this.#joins = round.joins;
    for (const [device, { upToSeq }] of Object.entries(this.#membership.removed)) {
      if (this.#removed.has(device)) continue;
      this.#removed.set(device, upToSeq);
      for (const [key, record] of this.#cache)
        if (record.at.endsWith(`:${device}`)) this.#cache.delete(key);
    }
    return round.problems;
  }

  #learnKeys(learned: SyncKey[]): void {
    const fresh = learned.filter((k) => !this.#keys.some((mine) => mine.id === k.id));
    if (fresh.length === 0) return;
    this.#keys = [...fresh, ...this.#keys];
    this.#deps.onKeysChanged?.(this.#keys);
  }

  /**
   * Removes a device from the group (docs/sync.md § Keys): a new sync key for every device that
   * stays, signed by this one; the removed device's files after the last one merged here are
   * no longer used. Every account (and every deletion) is then written again as this device's,
   * so nothing depends on the removed device's files staying in the folder.
   */
  removeDevice(device: string): Promise<{ wrappedFor: string[] }> {
    const run = this.#queue.then(async () => {
      const { folder, identity } = this.#deps;
      if (!identity.deviceKeys)
        throw new Error('This device has no signing key; it cannot remove others.');
      const state = await readSyncFolder(folder, this.#keys, this.#readOptions());
      const upToSeq = state.devices.find((d) => d.device === device)?.maxSeq ?? 0;
      const removedAt = this.#clock.next();
      const { key, wrappedFor } = await writeRotation({
        folder,
        device: identity.device,
        seq: this.#nextSeq++,
        at: removedAt,
        deviceKeys: identity.deviceKeys,
        oldKey: this.#keys[0]!,
        members: this.#membership.members,
        remove: [{ device, upToSeq }],
      });
      // Kept in the vault before anything else: no file deleted later brings the device back.
      const members = { ...this.#membership.members };
      delete members[device];
      this.#setMembership({
        ...this.#membership,
        members,
        removed: {
          ...this.#membership.removed,
          [device]: { by: identity.device, at: removedAt, upToSeq },
        },
      });
      this.#removed.set(device, upToSeq);
      this.#learnKeys([key]);
      const merged = merge(this.#cache.values());
      const at = this.#clock.next();
      const records: SyncRecord[] = [
        ...merged.accounts.flatMap((a) => creationRecords(a.entry, at)),
        ...[...merged.deleted].map((id): SyncRecord => ({ at, id, f: 'del', v: null })),
      ];
      await this.#writeSegment(records, this.#ackWritten);
      for (const record of records) this.#cache.set(recordKey(record), record);
      return { wrappedFor };
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Rotations that remove nobody, one for each key newer than the one a member introduced here
   * holds, oldest first: each wraps that key (not a new one) for every member, in a file under
   * the key the member holds, so it reads them and then everything the group wrote since.
   */
  async #shareKey(): Promise<void> {
    const { folder, identity } = this.#deps;
    const held = this.#keys.findIndex((k) => k.id === this.#shareUnder);
    this.#shareUnder = undefined;
    if (held <= 0 || !identity.deviceKeys) return;
    for (const key of this.#keys.slice(0, held).reverse()) {
      await writeRotation({
        folder,
        device: identity.device,
        seq: this.#nextSeq++,
        at: this.#clock.next(),
        deviceKeys: identity.deviceKeys,
        oldKey: this.#keys[held]!,
        members: this.#membership.members,
        remove: [],
        key,
      });
    }
  }

  async #writeSegment(records: SyncRecord[], seen: Record<string, Hlc>): Promise<void> {
    const { folder, identity } = this.#deps;
    await writeLogFile(
      folder,
      identity.device,
      this.#nextSeq,
      'segment',
      { records, seen, after: this.#lastLogSeq },
      this.#keys[0]!,
      identity.deviceKeys,
    );
    this.#lastLogSeq = this.#nextSeq;
    this.#nextSeq++;
    this.#ackWritten = { ...seen };
  }

  async #maybeCompact(
    state: FolderState,
    mine: DeviceLog | undefined,
    seen: Record<string, Hlc>,
  ): Promise<void> {
    const limit = this.#deps.compactAfterFiles ?? DEFAULT_COMPACT_AFTER_FILES;
    const live = (mine?.files.length ?? 0) + 2;
    if (live <= limit) return;
    await this.compact(state, seen);
  }

  /**
   * Writes a snapshot of this device's own records and removes the files the previous snapshot
   * covered (one generation is kept, docs/sync.md § Compaction).
   */
  async compact(
    state?: FolderState,
    seen?: Record<string, Hlc>,
  ): Promise<{ before: number; after: number }> {
    const { folder, identity } = this.#deps;
    const me = identity.device;
    state ??= await readSyncFolder(folder, this.#keys, this.#readOptions());
    seen ??= this.#seen();
    const mine = state.devices.find((d) => d.device === me);
    const own = [...this.#cache.values()].filter((r) => r.at.endsWith(`:${me}`));
    // A removed device no longer holds back tombstones.
    const others = state.devices.filter((d) => d.device !== me && !this.#removed.has(d.device));
    const folded = compactOwn(me, own, others, this.#deps.clock.now());
    const covers = this.#nextSeq - 1;
    await writeLogFile(
      folder,
      me,
      this.#nextSeq,
      'snapshot',
      { records: folded, seen, covers, after: this.#lastLogSeq },
      this.#keys[0]!,
      identity.deviceKeys,
    );
    this.#lastLogSeq = this.#nextSeq;
    this.#nextSeq++;
    this.#ackWritten = { ...seen };
    // What the previous snapshot covered (and older snapshots, and own conflict copies from
    // before it) goes now; what the new one covers stays until the next compaction.
    const previous = mine?.snapshot?.covers ?? 0;
    const removable = (mine?.covered ?? []).filter(
      (name) => Number(name.slice(0, 10)) <= previous || name.endsWith('.tss'),
    );
    for (const file of mine?.files ?? []) {
      if (file.parsed.kind === 'snapshot' && !file.parsed.conflict) continue;
      if (file.parsed.conflict && 'seq' in file.parsed && file.parsed.seq <= previous)
        removable.push(file.name);
    }
    for (const name of removable) await removeOwnFile(folder, me, name);
    return { before: own.length, after: folded.length };
  }

  #report(
    state: FolderState,
    merged: MergeResult,
    plan: ReturnType<typeof planApply>,
    recorded: number,
  ): SyncStatus {
    const me = this.#deps.identity.device;
    const devices: DeviceStatus[] = [];
    const ids = new Set([
      ...state.devices.map((d) => d.device),
      ...state.problems.map((p) => p.device),
      me,
    ]);
    for (const device of [...ids].sort()) {
      const log = state.devices.find((d) => d.device === device);
      let newest: Hlc | undefined;
      for (const r of log?.records ?? []) newest = maxHlc(newest, r.at);
      for (const hlc of Object.values(log?.seen ?? {})) newest = maxHlc(newest, hlc);
      devices.push({
        device,
        name: log?.card?.name,
        lastSeen: newest === undefined ? null : parseHlc(newest).wall,
        clockAheadMs: 0,
        problem: state.problems.find((p) => p.device === device),
        thisDevice: device === me,
        removed: this.#removed.has(device),
      });
    }
    for (const log of state.devices) if (log.card) this.#names.set(log.device, log.card.name);
    const clocks = clockReport({
      ahead: this.#ahead,
      others: devices.filter((d) => !d.thisDevice && !d.removed).map((d) => d.device),
      offsetMs: this.#deps.clockOffsetMs?.(),
      name: (id) => devices.find((d) => d.device === id)?.name ?? this.#names.get(id) ?? id,
    });
    for (const d of devices) d.clockAheadMs = clocks.blamed.get(d.device) ?? 0;
    return {
      devices,
      problems: state.problems,
      error: undefined,
      clockNotice: clocks.notice,
      lastMerge: {
        at: this.#deps.clock.now(),
        added: plan.added,
        changed: plan.changed,
        removed: plan.removed,
        recorded,
        keptUnmentioned: plan.keptUnmentioned,
        incomplete: merged.incomplete,
      },
    };
  }
}

/** Same account, same labels: twins made by importing one backup on two computers. */
function sameCodes(a: Entry, b: Entry): boolean {
  return (
    a.type === b.type &&
    a.secret === b.secret &&
    a.algorithm === b.algorithm &&
    a.digits === b.digits &&
    a.period === b.period &&
    a.issuer === b.issuer &&
    a.name === b.name
  );
}

/**
 * Whether this device's own files may be compared with what it holds, to write lost records
 * again: yes when each problem of its folder is one file that does not read (a crash tore it,
 * an outsider replaced it: its records are written again above it), no while the device waits
 * or is refused whole (what it wrote again would not be read either, and would go again at every
 * round).
 */
function ownFilesUsable(mine: DeviceLog, problems: readonly DeviceProblem[]): boolean {
  return (
    !mine.waiting &&
    problems.every(
      (p) => p.device !== mine.device || (mine.left.includes(p.file) && p.code !== 'over-budget'),
    )
  );
}

/** The newest of this device's own log files the folder shows (the chain's last link). */
function newestOwnLogFile(mine: DeviceLog | undefined): number {
  let newest = mine?.snapshot?.seq ?? 0;
  for (const { parsed } of mine?.files ?? []) {
    if ((parsed.kind === 'segment' || parsed.kind === 'snapshot') && !parsed.conflict)
      newest = Math.max(newest, parsed.seq);
  }
  return newest;
}
