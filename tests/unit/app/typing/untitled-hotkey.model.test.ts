// Model-based property test of the hotkey without a window title (Wayland, issue 27): random
// presses, each picked in the picker, with a typer that succeeds or fails (any reason, after any
// number of characters) and a focus that leaves our window after a random time or never. After
// each press: the picker opened on the last choice; the code was typed only when the focus left
// within the bound and the typer succeeded; otherwise it is on the clipboard with exactly ONE
// notice, which never holds the code and, after a partial typing, says how many characters went
// out. `npm test` runs a fixed seed; TRAYOTP_FUZZ_RUNS raises the number of runs and
// TRAYOTP_FUZZ_SEED picks another; fast-check prints a failing seed and path.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FOCUS_LOSS_MS } from '../../../../main/app/typing/focus-loss';
import type { TypeFailure, TypeResult } from '../../../../main/app/ports/key-typer';
import { fakeApp } from '../../../fakes/app';
import type { FakeApp } from '../../../fakes/app';

const RUNS = Number(process.env.TRAYOTP_FUZZ_RUNS ?? 25);
const SEED = Number(process.env.TRAYOTP_FUZZ_SEED ?? 27_2026);

const URIS = [
  'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub',
  'otpauth://totp/GitLab:alice?secret=KRSXG5CTMVRXEZLU&issuer=GitLab',
  'otpauth://totp/Acme:ops?secret=GEZDGNBVGY3TQOJQ&issuer=Acme',
];

interface Model {
  lastPick: string | undefined;
}
interface World {
  fake: FakeApp;
  ids: string[];
}

const REASONS: TypeFailure[] = [
  'unavailable',
  'permission-denied',
  'unsupported-character',
  'modifiers-held',
  'failed',
];

class PressAndPick implements fc.AsyncCommand<Model, World> {
  constructor(
    readonly pick: number,
    readonly result: TypeResult,
    /** When the focus leaves our window after the pick (ms); null: never. */
    readonly leavesAfterMs: number | null,
  ) {}

  check() {
    return true;
  }

  async run(model: Model, { fake, ids }: World) {
    const notices = fake.notifier.notices.length;
    const typed = fake.typer.typed.length;
    fake.typer.result = this.result;
    expect(await fake.app.typing.typeCurrentCode()).toBe('picker');
    const shown = fake.shown.at(-1)!;
    expect(shown.view).toBe('picker');
    if (model.lastPick) expect(shown.accountId).toBe(model.lastPick);
    const id = ids[this.pick % ids.length]!;
    fake.focusOurWindow(true);
    if (this.leavesAfterMs !== null) {
      fake.clock.setTimeout(() => fake.focusOurWindow(false), this.leavesAfterMs);
    }
    const picked = fake.app.typing.typeCode(id, shown.pickerToken);
    // The focus bound, then at most a fresh-code wait (3 s by default).
    await fake.clock.advance(FOCUS_LOSS_MS + 4000);
    const outcome = await picked;
    fake.focusOurWindow(false);

    const focusLeft = this.leavesAfterMs !== null;
    const shouldType = focusLeft && this.result.typed;
    expect(outcome).toEqual({ typed: shouldType, copied: !shouldType });
    if (shouldType) {
      expect(fake.typer.typed).toHaveLength(typed + 1);
      expect(fake.typer.typed.at(-1)!.text).toMatch(/^\d{6}$/);
      expect(fake.notifier.notices).toHaveLength(notices);
    } else {
      expect(fake.typer.typed).toHaveLength(typed);
      const code = fake.clipboard.text;
      expect(code).toMatch(/^\d{6}$/);
      expect(fake.notifier.notices).toHaveLength(notices + 1);
      const notice = fake.notifier.notices.at(-1)!;
      expect(notice.body).not.toContain(code);
      expect(notice.body).toMatch(/is on the clipboard/);
      const partial = focusLeft && !this.result.typed ? (this.result.typedChars ?? 0) : 0;
      if (partial > 0) {
        expect(notice.title).toBe('Typing stopped part-way');
        expect(notice.body).toMatch(new RegExp(`^Typed ${partial} of 6 characters, then: `));
      } else {
        expect(notice.title).toBe('Code copied instead of typed');
      }
    }
    model.lastPick = id;
  }

  toString() {
    const how = this.result.typed
      ? 'types'
      : `fails ${this.result.reason} after ${this.result.typedChars ?? 0}`;
    return `press, pick #${this.pick}, typer ${how}, focus leaves ${this.leavesAfterMs ?? 'never'}`;
  }
}

const typeResult: fc.Arbitrary<TypeResult> = fc.oneof(
  fc.constant<TypeResult>({ typed: true }),
  fc
    .record({
      reason: fc.constantFrom(...REASONS),
      typedChars: fc.integer({ min: 0, max: 5 }),
    })
    .map(({ reason, typedChars }): TypeResult => ({
      typed: false,
      reason,
      message: `The typer stopped (${reason}).`,
      typedChars,
      total: 6,
    })),
);

const commands = [
  fc
    .tuple(
      fc.nat(10),
      typeResult,
      // Well inside the bound, or never: at the bound's exact edge a real clock promises neither.
      fc.option(fc.integer({ min: 0, max: FOCUS_LOSS_MS - 100 }), { nil: null }),
    )
    .map(([pick, result, leaves]) => new PressAndPick(pick, result, leaves)),
];

describe('the hotkey without a window title, as a model (issue 27)', () => {
  it(`types only when it may, else copies with one notice that says why, in ${RUNS} runs`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 8 }), async (steps) => {
        const fake = await fakeApp();
        await fake.app.session.create();
        const ids: string[] = [];
        for (const uri of URIS) ids.push((await fake.app.adding.addUri(uri)).account.id);
        await fc.asyncModelRun(
          () => ({ model: { lastPick: undefined }, real: { fake, ids } }),
          steps,
        );
      }),
      { numRuns: RUNS, seed: SEED },
    );
  }, 600_000);
});
