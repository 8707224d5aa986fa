// Model-based property test of the pairing line (issue 23, R8; main/browser/pairing-turns.ts):
// browsers ask, wait, go away, are approved or refused, and time passes, in any order; after
// every step the real PairingTurns must agree with a plain model: at most one prompt; a browser
// holds at most one place; the line is first come, first served, bounded, and everyone waiting
// was told so; a prompt without a yes refuses that browser without a prompt for 10 s, doubling
// to at most 10 minutes. `npm test` runs a fixed seed; TRAYOTP_FUZZ_RUNS raises the number of
// runs and TRAYOTP_FUZZ_SEED picks another seed; fast-check prints a failing seed and path.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BACKOFF_FIRST_MS,
  BACKOFF_MAX_MS,
  PairingTurns,
} from '../../../main/browser/pairing-turns';
import type { Turn } from '../../../main/browser/pairing-turns';

const RUNS = Number(process.env.TRAYOTP_FUZZ_RUNS ?? 300);
const SEED = Number(process.env.TRAYOTP_FUZZ_SEED ?? 23_2026);
const MAX_WAITING = 2;
const IDS = ['a', 'b', 'c', 'd', 'e'];

interface Asking {
  id: string;
  abort: AbortController;
  told: string[];
  result?: Turn;
}

interface Model {
  now: number;
  holder: Asking | undefined;
  line: Asking[];
  backoff: Map<string, { refusals: number; until: number }>;
}

interface Real {
  turns: PairingTurns;
  clock: { now: number };
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

class Take implements fc.AsyncCommand<Model, Real> {
  constructor(readonly id: string) {}
  check = () => true;
  async run(m: Model, r: Real): Promise<void> {
    const asking: Asking = { id: this.id, abort: new AbortController(), told: [] };
    void r.turns
      .take({
        id: this.id,
        signal: asking.abort.signal,
        waiting: (message) => asking.told.push(message),
      })
      .then((result) => (asking.result = result));
    await flush();
    const back = m.backoff.get(this.id);
    if (back && back.until > m.now) {
      expect(asking.result).toMatchObject({ ok: false, code: 'pairing-refused' });
    } else if (m.holder?.id === this.id || m.line.some((w) => w.id === this.id)) {
      expect(asking.result).toMatchObject({ ok: false, code: 'pairing-busy' });
    } else if (!m.holder) {
      expect(asking.result).toMatchObject({ ok: true });
      m.holder = asking;
    } else if (m.line.length >= MAX_WAITING) {
      expect(asking.result).toMatchObject({ ok: false, code: 'pairing-busy' });
    } else {
      expect(asking.result).toBeUndefined(); // waits, and was told so
      expect(asking.told).toHaveLength(1);
      m.line.push(asking);
    }
  }
  toString = () => `take(${this.id})`;
}

class Release implements fc.AsyncCommand<Model, Real> {
  constructor(readonly outcome: 'approved' | 'refused' | 'unasked') {}
  check = (m: Readonly<Model>) => m.holder !== undefined;
  async run(m: Model): Promise<void> {
    const holder = m.holder!;
    (holder.result as Extract<Turn, { ok: true }>).release(this.outcome);
    if (this.outcome !== 'unasked') {
      const before = m.backoff.get(holder.id);
      m.backoff.delete(holder.id);
      if (this.outcome === 'refused') {
        const refusals = (before?.refusals ?? 0) + 1;
        const wait = Math.min(BACKOFF_FIRST_MS * 2 ** (refusals - 1), BACKOFF_MAX_MS);
        m.backoff.set(holder.id, { refusals, until: m.now + wait });
      }
    }
    m.holder = m.line.shift();
    await flush();
    if (m.holder) expect(m.holder.result).toMatchObject({ ok: true });
  }
  toString = () => `release(${this.outcome})`;
}

class GoAway implements fc.AsyncCommand<Model, Real> {
  constructor(readonly index: number) {}
  check = (m: Readonly<Model>) => m.line.length > 0;
  async run(m: Model): Promise<void> {
    const [asking] = m.line.splice(this.index % m.line.length, 1);
    asking!.abort.abort();
    await flush();
    expect(asking!.result).toMatchObject({ ok: false, code: 'pairing-refused' });
  }
  toString = () => `goAway(${this.index})`;
}

class Wait implements fc.AsyncCommand<Model, Real> {
  constructor(readonly ms: number) {}
  check = () => true;
  async run(m: Model, r: Real): Promise<void> {
    m.now += this.ms;
    r.clock.now = m.now;
  }
  toString = () => `wait(${this.ms})`;
}

/** After every step: everyone in line is still waiting, in order, and nobody else holds a turn. */
function agree(m: Model): void {
  for (const waiting of m.line) expect(waiting.result).toBeUndefined();
  expect(new Set(m.line.map((w) => w.id)).size).toBe(m.line.length);
  expect(m.line.length).toBeLessThanOrEqual(MAX_WAITING);
  if (m.holder) expect(m.line.some((w) => w.id === m.holder!.id)).toBe(false);
}

const commands = [
  fc.constantFrom(...IDS).map((id) => new Take(id)),
  fc
    .constantFrom('approved', 'refused', 'refused', 'unasked')
    .map((o) => new Release(o as 'refused')),
  fc.nat(4).map((i) => new GoAway(i)),
  fc.constantFrom(1_000, 9_999, 10_001, 40_000, 700_000).map((ms) => new Wait(ms)),
];

describe('the pairing line (model-based)', () => {
  it(`agrees with the model in ${RUNS} runs`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 40 }), async (steps) => {
        const clock = { now: 0 };
        const real: Real = { turns: new PairingTurns(() => clock.now, MAX_WAITING), clock };
        const model: Model = { now: 0, holder: undefined, line: [], backoff: new Map() };
        await fc.asyncModelRun(
          () => ({ model, real }),
          [...steps].map((step) => ({
            check: (m: Readonly<Model>) => step.check(m),
            run: async (m: Model, r: Real) => {
              await step.run(m, r);
              agree(m);
            },
            toString: () => step.toString(),
          })),
        );
      }),
      { numRuns: RUNS, seed: SEED },
    );
  }, 120_000);
});
