// "Type current code": which account, when (the waiting rule at its exact boundaries), and how
// (typed, or copied with a notice when typing is impossible). RFC 6238's SHA-1 test key makes the
// expected codes independent of our generator: at T=1111111109 s the code is 07081804 and the
// next period (T=1111111110..1111111139) gives 14050471.
import { describe, expect, it } from 'vitest';
import { ClipboardGuard } from '../../../../main/app/codes/clipboard-guard';
import type { TypeResult } from '../../../../main/app/ports/key-typer';
import { hotkeyAccount, type HotkeyAccount } from '../../../../main/app/typing/hotkey-account';
import {
  typeChosenAccount,
  typeForFocusedWindow,
  waitBeforeTyping,
  type TypeCodeDeps,
} from '../../../../main/app/typing/type-code';
import { codeFor, type Account } from '../../../../main/otp';
import { newEntry } from '../../../../main/vault';
import { FakeActiveWindow } from '../../../fakes/active-window';
import { FakeClipboard } from '../../../fakes/clipboard';
import { FakeClock } from '../../../fakes/clock';
import { FakeKeyTyper } from '../../../fakes/key-typer';
import { FakeNotifier } from '../../../fakes/notifier';

const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const rfc: Account = {
  type: 'totp',
  issuer: '20i',
  name: 'ops@example.com',
  secret: RFC_SECRET,
  algorithm: 'SHA1',
  digits: 8,
  period: 30,
  counter: 0,
};
const CODE_AT_1111111109 = '07081804';
const CODE_NEXT_PERIOD = '14050471';

/** The hotkey's account for a vault entry of `account`, its code computed here (no vault). */
function hotkey(id: string, account: Account, domains: string[] = []): HotkeyAccount {
  return hotkeyAccount(newEntry(account, id, 0, { domains }), async (atMs) =>
    codeFor(account, Math.floor(atMs / 1000)),
  );
}

const accounts: HotkeyAccount[] = [
  hotkey('20i', rfc, ['20i.com']),
  hotkey('gh', { ...rfc, issuer: 'GitHub', name: 'alice' }, ['github.com']),
  hotkey('gh2', { ...rfc, issuer: 'GitHub', name: 'bob' }, ['github.com']),
];

function setup(nowMs: number, title: string | undefined = 'Log in | 20i — Mozilla Firefox') {
  const clock = new FakeClock(nowMs);
  const clipboard = new FakeClipboard();
  const typer = new FakeKeyTyper(() => clock.now());
  const notifier = new FakeNotifier();
  const deps: TypeCodeDeps = {
    clock,
    activeWindow: new FakeActiveWindow(title),
    typer,
    clipboard: new ClipboardGuard({ clipboard, clock }),
    notifier,
  };
  return { clock, clipboard, typer, notifier, deps };
}

describe('the waiting rule', () => {
  it.each<[string, number, number | undefined, number, string]>([
    [
      '1 s left, default 3 s: wait for the next period',
      1_111_111_109_000,
      undefined,
      1000,
      CODE_NEXT_PERIOD,
    ],
    ['exactly 3 s left: no wait', 1_111_111_107_000, 3, 0, CODE_AT_1111111109],
    ['1 ms under 3 s left: wait 2999 ms', 1_111_111_107_001, 3, 2999, CODE_NEXT_PERIOD],
    ['period start: no wait', 1_111_111_080_000, 3, 0, CODE_AT_1111111109],
    ['exactly 1 s left with a 1 s setting: no wait', 1_111_111_109_000, 1, 0, CODE_AT_1111111109],
    ['999 ms left with a 1 s setting: wait 999 ms', 1_111_111_109_001, 1, 999, CODE_NEXT_PERIOD],
    [
      'setting 0: never wait, even 1 ms before the turn',
      1_111_111_109_999,
      0,
      0,
      CODE_AT_1111111109,
    ],
  ])('%s', async (_name, nowMs, minSecondsLeft, waitMs, code) => {
    const { clock, typer, deps } = setup(nowMs);
    const settings = minSecondsLeft === undefined ? {} : { minSecondsLeft };
    expect(waitBeforeTyping(rfc, nowMs, minSecondsLeft ?? 3)).toBe(waitMs);

    const done = typeForFocusedWindow(deps, accounts, new Map(), settings);
    if (waitMs > 0) {
      await clock.advance(waitMs - 1);
      expect(typer.typed).toEqual([]); // still waiting 1 ms before the turn
      await clock.advance(1);
    }
    expect(await done).toEqual({
      kind: 'typed',
      accountId: '20i',
      waitedMs: waitMs,
      atMs: nowMs + waitMs,
    });
    expect(typer.typed).toEqual([{ text: code, at: nowMs + waitMs }]);
  });

  it('never waits for HOTP, whose code does not expire', () => {
    const hotp: Account = { ...rfc, type: 'hotp', counter: 1 };
    expect(waitBeforeTyping(hotp, 1_111_111_109_999, 3)).toBe(0);
  });

  it('waits the rest of a 60 s period', () => {
    expect(waitBeforeTyping({ ...rfc, period: 60 }, 59_500, 3)).toBe(500);
    expect(waitBeforeTyping({ ...rfc, period: 60 }, 57_000, 3)).toBe(0);
  });

  it('does not type before the boundary even when a timer fires early', async () => {
    const { clock, typer, deps } = setup(1_111_111_109_000);
    // A clock whose first timer fires 10 ms early, as real timers can.
    let early = true;
    const realSetTimeout = clock.setTimeout.bind(clock);
    clock.setTimeout = (callback, ms) => {
      const adjusted = early ? ms - 10 : ms;
      early = false;
      return realSetTimeout(callback, adjusted);
    };
    const done = typeChosenAccount(deps, accounts[0]!);
    await clock.advance(990);
    expect(typer.typed).toEqual([]);
    await clock.advance(10);
    await done;
    expect(typer.typed).toEqual([{ text: CODE_NEXT_PERIOD, at: 1_111_111_110_000 }]);
  });
});

describe('choosing the account', () => {
  it('several matches: returns the picker with them first, types nothing', async () => {
    const { typer, deps } = setup(1_111_111_080_000, 'Sign in to GitHub · GitHub');
    const outcome = await typeForFocusedWindow(deps, accounts, new Map());
    expect(outcome.kind).toBe('pick');
    if (outcome.kind !== 'pick') return;
    expect(outcome.title).toBe('Sign in to GitHub · GitHub');
    expect(outcome.candidates.map((c) => c.id)).toEqual(['gh', 'gh2', '20i']);
    expect(typer.typed).toEqual([]);
  });

  it('a remembered choice for the title types that account', async () => {
    const { typer, deps } = setup(1_111_111_080_000, 'Sign in to GitHub · GitHub');
    const outcome = await typeForFocusedWindow(
      deps,
      accounts,
      new Map([['sign in to github · github', 'gh2']]),
    );
    expect(outcome).toMatchObject({ kind: 'typed', accountId: 'gh2' });
    expect(typer.typed).toHaveLength(1);
  });

  it('no focused window, or a title that cannot be read: the picker', async () => {
    const { deps } = setup(1_111_111_080_000);
    deps.activeWindow = new FakeActiveWindow(undefined);
    expect((await typeForFocusedWindow(deps, accounts, new Map())).kind).toBe('pick');
    deps.activeWindow = { title: () => Promise.reject(new Error('X connection lost')) };
    expect(await typeForFocusedWindow(deps, accounts, new Map())).toMatchObject({
      kind: 'pick',
      title: undefined,
    });
  });

  it('no accounts at all', async () => {
    const { deps } = setup(1_111_111_080_000);
    expect(await typeForFocusedWindow(deps, [], new Map())).toEqual({ kind: 'no-accounts' });
  });
});

type Failure = Extract<TypeResult, { typed: false }>;

describe('when typing is impossible', () => {
  const failures: [string, Failure][] = [
    [
      'Wayland without a portal',
      {
        typed: false,
        reason: 'unavailable',
        message: 'Typing is not possible in a Wayland session.',
      },
    ],
    [
      'permission denied',
      { typed: false, reason: 'permission-denied', message: 'Accessibility permission is off.' },
    ],
  ];

  it.each(failures)('%s: copies the code and notifies without showing it', async (_n, result) => {
    const { clock, clipboard, typer, notifier, deps } = setup(1_111_111_080_000);
    typer.result = result;
    const outcome = await typeForFocusedWindow(deps, accounts, new Map());
    expect(outcome).toMatchObject({
      kind: 'copied',
      accountId: '20i',
      reason: result.reason,
    });
    expect(clipboard.text).toBe(CODE_AT_1111111109);
    expect(notifier.notices).toHaveLength(1);
    const notice = notifier.notices[0]!;
    expect(notice.title).toBe('Code copied instead of typed');
    expect(notice.body).toContain(result.message);
    expect(notice.body).toContain('20i (ops@example.com)');
    expect(JSON.stringify(notice)).not.toContain(CODE_AT_1111111109);
    // The copied code is cleared by the guard's timer (20 s by default).
    await clock.advance(20_000);
    expect(clipboard.text).toBe('');
  });

  it("the notice shows an account's label without its control characters", async () => {
    const { typer, notifier, deps } = setup(1_111_111_080_000);
    typer.result = { typed: false, reason: 'failed', message: 'Typing failed.' };
    const evil = { ...accounts[0]!, issuer: 'Bank\nYour code: 000 000\u202e', name: 'al\u0007ice' };
    await typeChosenAccount(deps, evil);
    expect(notifier.notices[0]!.body).toContain('Bank Your code: 000 000 (alice)');
    for (const c of ['\n', '\u0007', '\u202e']) expect(notifier.notices[0]!.body).not.toContain(c);
  });

  it('no typer at all: copies', async () => {
    const { clipboard, deps } = setup(1_111_111_080_000);
    deps.typer = undefined;
    expect(await typeForFocusedWindow(deps, accounts, new Map())).toMatchObject({
      kind: 'copied',
      reason: 'unavailable',
    });
    expect(clipboard.text).toBe(CODE_AT_1111111109);
  });

  it('a typer that throws: copies, and says why', async () => {
    const { clipboard, notifier, deps } = setup(1_111_111_080_000);
    deps.typer = { type: () => Promise.reject(new Error('display closed')) };
    expect(await typeChosenAccount(deps, accounts[0]!)).toMatchObject({
      kind: 'copied',
      reason: 'failed',
    });
    expect(clipboard.text).toBe(CODE_AT_1111111109);
    expect(notifier.notices[0]!.body).toContain('Typing failed (display closed).');
  });

  it('the copied code is the one after the wait, too', async () => {
    const { clock, clipboard, typer, deps } = setup(1_111_111_109_000);
    typer.result = { typed: false, reason: 'modifiers-held', message: 'Keys were held.' };
    const done = typeChosenAccount(deps, accounts[0]!);
    await clock.advance(1000);
    expect(await done).toMatchObject({ kind: 'copied', waitedMs: 1000, reason: 'modifiers-held' });
    expect(clipboard.text).toBe(CODE_NEXT_PERIOD);
  });
});

describe('the focus may change during the wait', () => {
  it('copies instead of typing when another window has the focus after the wait', async () => {
    const { clock, clipboard, typer, notifier, deps } = setup(1_111_111_109_000);
    const window = new FakeActiveWindow('Log in | 20i — Mozilla Firefox');
    deps.activeWindow = window;
    const done = typeForFocusedWindow(deps, accounts, new Map());
    await clock.advance(500);
    window.current = 'Team chat — Slack';
    await clock.advance(500);
    expect(await done).toMatchObject({ kind: 'copied', reason: 'focus-changed', waitedMs: 1000 });
    expect(typer.typed).toEqual([]);
    expect(clipboard.text).toBe(CODE_NEXT_PERIOD);
    expect(notifier.notices[0]!.body).toContain(
      'The focused window changed while TrayOTP waited for a fresh code.',
    );
  });

  it('types when the same window still has the focus after the wait', async () => {
    const { clock, typer, deps } = setup(1_111_111_109_000);
    const done = typeForFocusedWindow(deps, accounts, new Map());
    await clock.advance(1000);
    expect(await done).toMatchObject({ kind: 'typed', waitedMs: 1000 });
    expect(typer.typed).toEqual([{ text: CODE_NEXT_PERIOD, at: 1_111_111_110_000 }]);
  });

  it('re-checks the focused window just before the keys, waited or not (issue 15)', async () => {
    const { typer, deps, clipboard } = setup(1_111_111_080_000);
    deps.activeWindow = new FakeActiveWindow('Log in | 20i');
    const typed = typeChosenAccount(deps, accounts[0]!, {}, { title: 'another window' });
    expect(await typed).toMatchObject({ kind: 'copied', reason: 'focus-changed', waitedMs: 0 });
    expect(typer.typed).toHaveLength(0);
    expect(clipboard.text).toMatch(/^\d{6,8}$/);

    // After the picker the caller may know no title: a wait then types without a check.
    const later = setup(1_111_111_109_000);
    later.deps.activeWindow = new FakeActiveWindow('changed');
    const done = typeChosenAccount(later.deps, accounts[0]!, {}, { title: undefined });
    await later.clock.advance(1000);
    expect(await done).toMatchObject({ kind: 'typed', waitedMs: 1000 });
  });

  it("never types into TrayOTP's own window (issue 15)", async () => {
    const { typer, deps } = setup(1_111_111_080_000);
    const outcome = await typeChosenAccount(
      { ...deps, ownWindowFocused: () => true },
      accounts[0]!,
    );
    expect(outcome).toMatchObject({ kind: 'copied', reason: 'own-window' });
    expect(typer.typed).toHaveLength(0);
  });
});

describe('HOTP codes come from the caller (the vault advances the counter first)', () => {
  it('asks the code provider once, at the moment of typing, and types what it returns', async () => {
    const { deps, typer } = setup(1_111_111_109_000);
    const asked: number[] = [];
    const hotp: HotkeyAccount = {
      ...hotkey('bank', { ...rfc, type: 'hotp', issuer: 'Bank', counter: 4 }),
      code: async (atMs) => {
        asked.push(atMs);
        return '338314';
      },
    };
    const outcome = await typeChosenAccount(deps, hotp);
    expect(outcome).toMatchObject({ kind: 'typed', accountId: 'bank', waitedMs: 0 });
    expect(asked).toEqual([1_111_111_109_000]);
    expect(typer.typed).toEqual([{ text: '338314', at: 1_111_111_109_000 }]);
  });
});
