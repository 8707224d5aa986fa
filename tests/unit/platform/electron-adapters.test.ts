// Wiring of the Electron adapters, with fakes of the Electron modules (the Electron binary is not
// installed here). The type checks at the top prove the adapters accept the real modules as
// electron.d.ts declares them, so `npm run typecheck` covers the real wiring.
import type { Notification, clipboard, globalShortcut } from 'electron';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { ClipboardGuard } from '../../../main/app/codes/clipboard-guard';
import {
  createElectronClipboard,
  type ElectronClipboardModule,
} from '../../../main/platform/clipboard';
import {
  createElectronGlobalShortcuts,
  type ElectronGlobalShortcutModule,
} from '../../../main/platform/global-shortcuts';
import {
  createElectronNotifier,
  type ElectronNotificationModule,
} from '../../../main/platform/notifier';
import { FakeClock } from '../../fakes/clock';
import {
  FakeElectronClipboard,
  FakeGlobalShortcut,
  fakeNotificationClass,
} from '../../fakes/electron';

describe('the real Electron modules fit the adapters', () => {
  it('type-checks', () => {
    expectTypeOf<typeof clipboard>().toExtend<ElectronClipboardModule>();
    expectTypeOf<typeof globalShortcut>().toExtend<ElectronGlobalShortcutModule>();
    expectTypeOf<typeof Notification>().toExtend<ElectronNotificationModule>();
    // Electron 44+ made the clipboard asynchronous: the port's promises are Electron's own.
    expectTypeOf<ReturnType<typeof clipboard.readText>>().toEqualTypeOf<Promise<string>>();
    expectTypeOf<ReturnType<typeof clipboard.writeText>>().toEqualTypeOf<Promise<void>>();
  });
});

describe('Electron clipboard adapter', () => {
  it('passes text through and clears', async () => {
    const electron = new FakeElectronClipboard();
    const port = createElectronClipboard(electron);
    await port.writeText('123456');
    expect(await port.readText()).toBe('123456');
    await port.clear();
    expect(electron.text).toBe('');
    expect(electron.calls).toEqual(['writeText(123456)', 'readText()', 'clear()']);
  });

  it('drives the clipboard guard: cleared after 20 s only while it holds our code', async () => {
    const electron = new FakeElectronClipboard();
    const clock = new FakeClock(0);
    const guard = new ClipboardGuard({ clipboard: createElectronClipboard(electron), clock });
    await guard.copy('654321');
    await clock.advance(20_000);
    expect(electron.text).toBe('');
    await guard.copy('111111');
    electron.text = 'copied by the user';
    await clock.advance(20_000);
    expect(electron.text).toBe('copied by the user');
  });
});

describe('Electron global shortcuts adapter', () => {
  it('registers, and the callback runs on a press', () => {
    const electron = new FakeGlobalShortcut();
    const shortcuts = createElectronGlobalShortcuts(electron);
    let presses = 0;
    expect(shortcuts.register('CommandOrControl+Alt+O', () => presses++)).toEqual({
      registered: true,
    });
    electron.press('CommandOrControl+Alt+O');
    expect(presses).toBe(1);
  });

  it.each<[string, (e: FakeGlobalShortcut) => void, string, string]>([
    [
      'held by another application',
      (e) => e.takenElsewhere.add('Control+Alt+O'),
      'taken',
      'Control+Alt+O is already used by the system or another application; choose another in Settings.',
    ],
    [
      'accepted but never registered (isRegistered says no)',
      (e) => e.silentlyIgnored.add('Control+Alt+O'),
      'taken',
      'Control+Alt+O is already used by the system or another application; choose another in Settings.',
    ],
    [
      'suspended while recording a new combination',
      (e) => (e.suspended = true),
      'suspended',
      'Control+Alt+O could not be set while hotkeys are paused; try again after recording a new combination.',
    ],
  ])('%s', (_name, arrange, reason, message) => {
    const electron = new FakeGlobalShortcut();
    arrange(electron);
    const result = createElectronGlobalShortcuts(electron).register('Control+Alt+O', () => {});
    expect(result).toEqual({ registered: false, reason, message });
    expect(electron.registered.size).toBe(0);
  });

  it.each(['Control+', 'Ctrl Alt O', ''])(
    'rejects the accelerator %j as invalid',
    (accelerator) => {
      const result = createElectronGlobalShortcuts(new FakeGlobalShortcut()).register(
        accelerator,
        () => {},
      );
      expect(result).toEqual({
        registered: false,
        reason: 'invalid',
        message: `"${accelerator}" is not a key combination TrayOTP understands; choose another in Settings.`,
      });
    },
  );

  it('re-registering our own accelerator replaces the handler', () => {
    const electron = new FakeGlobalShortcut();
    const shortcuts = createElectronGlobalShortcuts(electron);
    const pressed: string[] = [];
    shortcuts.register('Alt+T', () => pressed.push('old'));
    expect(shortcuts.register('Alt+T', () => pressed.push('new'))).toEqual({ registered: true });
    electron.press('Alt+T');
    expect(pressed).toEqual(['new']);
  });

  it('unregisters one and all', () => {
    const electron = new FakeGlobalShortcut();
    const shortcuts = createElectronGlobalShortcuts(electron);
    shortcuts.register('Alt+A', () => {});
    shortcuts.register('Alt+B', () => {});
    shortcuts.unregister('Alt+A');
    expect([...electron.registered.keys()]).toEqual(['Alt+B']);
    shortcuts.unregisterAll();
    expect(electron.registered.size).toBe(0);
  });
});

describe('Electron notifier adapter', () => {
  it('shows a silent native notification', () => {
    const { FakeNotification, shown } = fakeNotificationClass(true);
    const fallback: unknown[] = [];
    createElectronNotifier(FakeNotification, (n) => fallback.push(n)).notify({
      title: 'Code copied instead of typed',
      body: 'Paste it.',
    });
    expect(shown).toEqual([
      { title: 'Code copied instead of typed', body: 'Paste it.', silent: true },
    ]);
    expect(fallback).toEqual([]);
  });

  it('falls back where notifications are not supported', () => {
    const { FakeNotification, shown } = fakeNotificationClass(false);
    const fallback: unknown[] = [];
    createElectronNotifier(FakeNotification, (n) => fallback.push(n)).notify({
      title: 't',
      body: 'b',
    });
    expect(shown).toEqual([]);
    expect(fallback).toEqual([{ title: 't', body: 'b' }]);
  });
});
