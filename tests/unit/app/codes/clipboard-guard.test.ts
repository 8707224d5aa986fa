// The clipboard guard clears a copied code after N seconds, on lock and on quit — but only while
// the clipboard still holds that code. Time and the clipboard are fakes the test controls.
import { describe, expect, it } from 'vitest';
import { ClipboardGuard } from '../../../../main/app/codes/clipboard-guard';
import { FakeClipboard } from '../../../fakes/clipboard';
import { FakeClock } from '../../../fakes/clock';

function setup(clearAfterSeconds?: number | (() => number)) {
  const clock = new FakeClock(1_700_000_000_000);
  const clipboard = new FakeClipboard();
  const guard =
    clearAfterSeconds === undefined
      ? new ClipboardGuard({ clipboard, clock })
      : new ClipboardGuard({ clipboard, clock, clearAfterSeconds });
  return { clock, clipboard, guard };
}

describe('ClipboardGuard timer', () => {
  it.each<[string, number | undefined, number, string]>([
    ['default 20 s: still there 1 ms before', undefined, 19_999, '123456'],
    ['default 20 s: gone at 20 s', undefined, 20_000, ''],
    ['5 s setting: gone at 5 s', 5, 5_000, ''],
    ['5 s setting: there at 4.999 s', 5, 4_999, '123456'],
    ['0 turns the timer off', 0, 3_600_000, '123456'],
  ])('%s', async (_name, seconds, elapsed, expected) => {
    const { clock, clipboard, guard } = setup(seconds);
    await guard.copy('123456');
    expect(clipboard.text).toBe('123456');
    await clock.advance(elapsed);
    expect(clipboard.text).toBe(expected);
  });

  it('leaves the clipboard alone when the user copied something else since', async () => {
    const { clock, clipboard, guard } = setup();
    await guard.copy('123456');
    await clock.advance(10_000);
    clipboard.copyFromOtherApp('my notes');
    await clock.advance(10_000);
    expect(clipboard.text).toBe('my notes');
    expect(clipboard.clears).toBe(0);
    expect(guard.holdsCode).toBe(false);
  });

  it('a newer copy restarts the timer and an older code is no longer ours', async () => {
    const { clock, clipboard, guard } = setup();
    await guard.copy('111111');
    await clock.advance(15_000);
    await guard.copy('222222');
    await clock.advance(15_000); // 30 s after the first copy, 15 s after the second
    expect(clipboard.text).toBe('222222');
    expect(clock.pending()).toEqual([5_000]);
    await clock.advance(5_000);
    expect(clipboard.text).toBe('');
    expect(clipboard.clears).toBe(1);
  });

  it('reads the setting at each copy', async () => {
    let seconds = 20;
    const { clock, guard } = setup(() => seconds);
    await guard.copy('111111');
    expect(clock.pending()).toEqual([20_000]);
    seconds = 7;
    await guard.copy('222222');
    expect(clock.pending()).toEqual([7_000]);
  });
});

describe('ClipboardGuard.clearIfOurs (lock and quit)', () => {
  it.each<[string, (c: FakeClipboard) => void, string, string, number]>([
    ['our code is still there: cleared', () => {}, 'cleared', '', 1],
    [
      'replaced by the user: kept',
      (c) => c.copyFromOtherApp('password'),
      'replaced',
      'password',
      0,
    ],
    [
      'unreadable: kept rather than wiped blindly',
      (c) => (c.readError = new Error('clipboard busy')),
      'unreadable',
      '123456',
      0,
    ],
  ])('%s', async (_name, meanwhile, result, left, clears) => {
    const { clock, clipboard, guard } = setup();
    await guard.copy('123456');
    meanwhile(clipboard);
    expect(await guard.clearIfOurs()).toBe(result);
    expect(clipboard.text).toBe(left);
    expect(clipboard.clears).toBe(clears);
    // Lock and quit cancel the timer either way: nothing fires later.
    expect(clock.pending()).toEqual([]);
  });

  it('has nothing to clear before any copy, or twice in a row', async () => {
    const { clipboard, guard } = setup();
    expect(await guard.clearIfOurs()).toBe('nothing-to-clear');
    await guard.copy('123456');
    expect(await guard.clearIfOurs()).toBe('cleared');
    clipboard.copyFromOtherApp('123456'); // the same digits, copied by the user after the clear
    expect(await guard.clearIfOurs()).toBe('nothing-to-clear');
    expect(clipboard.text).toBe('123456');
  });

  it('an unreadable clipboard is retried at the next lock or quit', async () => {
    const { clipboard, guard } = setup();
    await guard.copy('123456');
    clipboard.readError = new Error('busy');
    expect(await guard.clearIfOurs()).toBe('unreadable');
    clipboard.readError = undefined;
    expect(await guard.clearIfOurs()).toBe('cleared');
  });
});
