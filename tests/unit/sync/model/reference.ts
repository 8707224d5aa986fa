// The reference model of the sync model test: what each person did, and what each device had
// seen when they did it. Every edit gives an account's name a new unique value `n<k>`; a device
// "knows" edit k once its vault has shown k (it merged it), and then also everything the author
// of k knew when making it (k's causal past: its HLC is above all of that). From this:
// - an account nobody deleted must never leave a vault it was in, and must be everywhere at the end;
// - an account deleted by someone who knew every edit of it must stay deleted;
// - the name that wins must not be one that another edit was made after seeing (G3).
import type { Entry } from '../../../../main/vault/entries';

export interface Deletion {
  account: string;
  by: number;
  /** The next edit id when it was made (to tell whether its device was removed then). */
  when: number;
  /** Every edit the deleting device knew when the person deleted. */
  knew: ReadonlySet<number>;
}

export class Reference {
  /** Edit k → its account id. */
  readonly editOf = new Map<number, string>();
  /** Edit k → what its author knew when making it. */
  readonly pastOf = new Map<number, ReadonlySet<number>>();
  readonly deletions: Deletion[] = [];
  /** Per device: the edits it knows. */
  readonly knows: Set<number>[];
  /** Per device: the accounts its vault has held (for "never disappears"). */
  readonly held: Set<string>[];
  /** Edit k → the device that made it. */
  readonly byOf = new Map<number, number>();
  /**
   * Per device, its removals from the group: the first edit id after each, and after its re-join
   * through a new invitation (if it re-joined), the first edit id after that.
   */
  readonly removals = new Map<
    number,
    { id: string; since: number; until?: number; knew: ReadonlySet<number> }[]
  >();
  /** Edits made while removed that the device's vault held when it re-joined: they come back. */
  readonly rejoined = new Set<number>();
  /**
   * Edits by a removed identity after its computer re-joined under a new one, with that
   * identity's id (undefined: under an id that was never a member; never used anywhere).
   */
  readonly ghost = new Map<number, string | undefined>();
  #next = 1;

  constructor(devices: number) {
    this.knows = Array.from({ length: devices }, () => new Set<number>());
    this.held = Array.from({ length: devices }, () => new Set<string>());
  }

  /** A new edit by device `d` of `account`: its name value. */
  edit(d: number, account: string): string {
    const k = this.#next++;
    this.editOf.set(k, account);
    this.byOf.set(k, d);
    this.pastOf.set(k, new Set(this.knows[d]));
    this.knows[d]!.add(k);
    return `n${k}`;
  }

  delete(d: number, account: string): void {
    this.deletions.push({ account, by: d, when: this.#next, knew: new Set(this.knows[d]) });
  }

  /** The device's vault now: what it shows, it has merged. */
  observe(d: number, entries: readonly Entry[]): void {
    for (const entry of entries) {
      this.held[d]!.add(entry.id);
      const k = editId(entry.name);
      if (k === undefined || this.knows[d]!.has(k)) continue;
      this.knows[d]!.add(k);
      for (const p of this.pastOf.get(k) ?? []) this.knows[d]!.add(p);
    }
  }

  /**
   * Each removal's re-write: the remover writes every account again as its own, as it knows it
   * (docs/sync.md § Keys), so an edit or deletion it had not seen yet may lose to it.
   */
  readonly rewrites: { by: number; at: number; knew: ReadonlySet<number> }[] = [];

  remove(d: number, id: string, by: number): void {
    this.rewrites.push({ by, at: this.#next, knew: new Set(this.knows[by]) });
    const list = this.removals.get(d) ?? [];
    list.push({ id, since: this.#next, knew: new Set(this.knows[by]) });
    this.removals.set(d, list);
  }

  /**
   * Device d joined again through a new invitation, holding `entries`: what it edited while
   * removed and still holds comes back with it (the new identity sends it); nothing else of that
   * time may ever be applied.
   */
  rejoin(d: number, entries: readonly Entry[]): void {
    const last = this.removals.get(d)?.at(-1);
    if (!last || last.until !== undefined) return;
    last.until = this.#next;
    for (const entry of entries) {
      const k = editId(entry.name);
      if (k !== undefined && this.#whileRemoved(d, k)) this.rejoined.add(k);
    }
  }

  /** An edit by the old identity of device d, made after d re-joined: nobody may apply it. */
  ghostEdit(d: number, account: string, id: string | undefined): string {
    const name = this.edit(d, account);
    const k = editId(name)!;
    this.ghost.set(k, id);
    this.knows[d]!.delete(k); // the computer's new identity never saw it
    return name;
  }

  #removalOf(d: number, k: number) {
    return (this.removals.get(d) ?? []).find((r) => k >= r.since && (r.until ?? Infinity) > k);
  }

  #whileRemoved(d: number, k: number): boolean {
    return this.#removalOf(d, k) !== undefined;
  }

  /**
   * Edit k was made by a device after its removal (and did not come back with a re-join), and a
   * device that `knows` of that removal (has read the rotation: docs/sync.md G2, a computer
   * offline at the removal drops what it took as soon as it reads it) may not hold it.
   */
  afterRemoval(k: number, knows: (id: string) => boolean): boolean {
    if (this.ghost.has(k)) {
      const id = this.ghost.get(k);
      return id === undefined || knows(id);
    }
    const removal = this.#removalOf(this.byOf.get(k) ?? -1, k);
    return removal !== undefined && knows(removal.id) && !this.rejoined.has(k);
  }

  /**
   * A removed device edited or deleted it: what the remover had not read of that device is
   * dropped by design (docs/sync.md § Keys), so loss and convergence are not checked for it.
   */
  touchedByRemoved(account: string): boolean {
    for (const [k, a] of this.editOf)
      if (a === account && (this.ghost.has(k) || this.#beforeRejoin(this.byOf.get(k)!, k)))
        return true;
    return this.deletions.some((d) => d.account === account && this.#beforeRejoin(d.by, d.when));
  }

  /** Made by d before it was removed or while removed (and not after its last re-join). */
  #beforeRejoin(d: number, k: number): boolean {
    return (this.removals.get(d) ?? []).some((r) => (r.until ?? Infinity) > k);
  }

  /**
   * Every edit of it was made by a removed identity after its removal (and none came back with a
   * re-join): a computer that took it while offline at the removal keeps it, the others never
   * get it (docs/sync.md § Keys), so the computers need not agree on it.
   */
  onlyFromRemoved(account: string): boolean {
    const edits = [...this.editOf].filter(([, a]) => a === account).map(([k]) => k);
    return edits.every(
      (k) =>
        this.ghost.has(k) ||
        (this.removals.get(this.byOf.get(k)!) ?? []).some(
          (r) =>
            k >= r.since ? (r.until ?? Infinity) > k && !this.rejoined.has(k) : !r.knew.has(k), // made before, the remover had not read it: not sent again
        ),
    );
  }

  /**
   * Edit k is concurrent with a removal's re-write and may lose to it: made before the removal
   * without the remover having seen it, or after by another device (which may not have merged
   * the re-write yet: the model does not follow who merged it, so any other device's edit).
   */
  mayLoseToRewrite(k: number): boolean {
    return this.rewrites.some((r) => (k < r.at ? !r.knew.has(k) : this.byOf.get(k) !== r.by));
  }

  /** A deletion of it by another device than a remover: it may lose to that re-write. */
  deletionMayLoseToRewrite(account: string): boolean {
    return this.deletions.some(
      (d) => d.account === account && this.rewrites.some((r) => d.by !== r.by),
    );
  }

  deletedBySomeone(account: string): boolean {
    return this.deletions.some((d) => d.account === account);
  }

  /** Deleted by a person who knew every edit of it: it must not come back. */
  surelyDeleted(account: string): boolean {
    const edits = [...this.editOf].filter(([, a]) => a === account).map(([k]) => k);
    return this.deletions.some((d) => d.account === account && edits.every((k) => d.knew.has(k)));
  }

  /** Whether some edit of the same account was made after seeing edit k. */
  supersededEdit(k: number): number | undefined {
    const account = this.editOf.get(k);
    for (const [other, past] of this.pastOf)
      if (other !== k && this.editOf.get(other) === account && past.has(k)) return other;
    return undefined;
  }

  accounts(): Set<string> {
    return new Set(this.editOf.values());
  }
}

export function editId(name: string): number | undefined {
  const match = /^n(\d+)$/.exec(name);
  return match ? Number(match[1]) : undefined;
}
