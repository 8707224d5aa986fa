import { describe, expect, it, vi } from 'vitest';
import { Hotkeys } from '../../../../main/app/hotkeys/hotkeys';
import { createElectronGlobalShortcuts } from '../../../../main/platform/global-shortcuts';
import { fakeApp } from '../../../fakes/app';
import { FakeGlobalShortcut } from '../../../fakes/electron';

function setup(takenByOthers: string[] = []) {
  const electron = new FakeGlobalShortcut();
  for (const accelerator of takenByOthers) electron.takenElsewhere.add(accelerator);
  const pressed: string[] = [];
  const hotkeys = new Hotkeys(
    createElectronGlobalShortcuts(electron as never),
    {
      typeCode: () => pressed.push('typeCode'),
      openPicker: () => pressed.push('openPicker'),
      scanScreen: () => pressed.push('scanScreen'),
    },
    'linux',
  );
  return { hotkeys, electron, pressed };
}

const defaults = {
  typeCode: 'CommandOrControl+Alt+O',
  openPicker: 'CommandOrControl+Alt+P',
  scanScreen: 'CommandOrControl+Alt+S',
};

describe('Hotkeys', () => {
  it('registers every hotkey and reports each as registered', () => {
    const { hotkeys } = setup();
    expect(hotkeys.apply(defaults)).toEqual([
      {
        action: 'typeCode',
        accelerator: 'CommandOrControl+Alt+O',
        registered: true,
        error: null,
        problem: null,
      },
      {
        action: 'openPicker',
        accelerator: 'CommandOrControl+Alt+P',
        registered: true,
        error: null,
        problem: null,
      },
      {
        action: 'scanScreen',
        accelerator: 'CommandOrControl+Alt+S',
        registered: true,
        error: null,
        problem: null,
      },
    ]);
  });

  it('an empty accelerator is no hotkey; the same one twice is refused for the second', () => {
    const { hotkeys } = setup();
    const status = hotkeys.apply({
      ...defaults,
      openPicker: '',
      scanScreen: 'CommandOrControl+Alt+O',
    });
    expect(status[1]).toEqual({
      action: 'openPicker',
      accelerator: '',
      registered: false,
      error: null,
      problem: null,
    });
    expect(status[2]).toMatchObject({
      registered: false,
      error: expect.stringMatching(/already used for “Type current code”/),
    });
  });

  it('check: free, ours for another action, or the same action', () => {
    const { hotkeys } = setup();
    hotkeys.apply(defaults);
    expect(hotkeys.check('CommandOrControl+Shift+9')).toEqual({
      available: true,
      conflict: null,
      problem: null,
    });
    expect(hotkeys.check('CommandOrControl+Alt+O', 'scanScreen')).toEqual({
      available: false,
      conflict: 'TrayOTP already uses it for “Type current code”.',
      problem: { reason: 'ours', usedFor: 'typeCode' },
    });
    expect(hotkeys.check('CommandOrControl+Alt+O', 'typeCode')).toEqual({
      available: true,
      conflict: null,
      problem: null,
    });
  });

  it('a combination another app holds is reported, and pressing ours runs its action', () => {
    const { hotkeys, electron, pressed } = setup(['CommandOrControl+Alt+P']);
    const status = hotkeys.apply(defaults);
    expect(status[1]).toMatchObject({ registered: false, error: expect.any(String) });
    expect(hotkeys.check('CommandOrControl+Alt+P')).toMatchObject({ available: false });
    electron.press('CommandOrControl+Alt+O');
    electron.press('CommandOrControl+Alt+S');
    expect(pressed).toEqual(['typeCode', 'scanScreen']);
  });
});

describe('Hotkeys: what went wrong, for the window to say in its own words', () => {
  it('a status and a check name the reason and, for our own, the action that holds it', () => {
    const { hotkeys } = setup(['CommandOrControl+Alt+P']);
    const status = hotkeys.apply({ ...defaults, scanScreen: 'CommandOrControl+Alt+O' });
    expect(status.map((s) => s.problem)).toEqual([
      null,
      { reason: 'taken' },
      { reason: 'ours', usedFor: 'typeCode' },
    ]);
    expect(hotkeys.check('CommandOrControl+Alt+O', 'openPicker').problem).toEqual({
      reason: 'ours',
      usedFor: 'typeCode',
    });
    expect(hotkeys.check('CommandOrControl+Alt+P').problem).toEqual({ reason: 'taken' });
    expect(hotkeys.check('CommandOrControl+Shift+9').problem).toBeNull();
  });
});

describe('Hotkeys: the same keys written two ways are the same shortcut', () => {
  function on(platform: string) {
    const electron = new FakeGlobalShortcut();
    const hotkeys = new Hotkeys(
      createElectronGlobalShortcuts(electron as never),
      { typeCode: () => {}, openPicker: () => {}, scanScreen: () => {} },
      platform,
    );
    hotkeys.apply(defaults);
    return hotkeys;
  }

  it.each([
    ['linux', 'Control+Alt+O', true],
    ['linux', 'Ctrl+Alt+o', true],
    ['linux', 'Alt+Control+O', true],
    ['linux', 'Super+Alt+O', false],
    ['win32', 'Control+Alt+O', true],
    ['darwin', 'Super+Alt+O', true],
    ['darwin', 'Command+Option+O', true],
    ['darwin', 'Control+Alt+O', false],
  ])('on %s, %s is the type-code shortcut: %s', (platform, accelerator, ours) => {
    const problem = on(platform).check(accelerator, 'scanScreen').problem;
    if (ours) expect(problem).toEqual({ reason: 'ours', usedFor: 'typeCode' });
    else expect(problem?.reason).not.toBe('ours');
  });

  it('a settings file with one combination twice, written differently, registers it once', () => {
    const electron = new FakeGlobalShortcut();
    const hotkeys = new Hotkeys(
      createElectronGlobalShortcuts(electron as never),
      { typeCode: () => {}, openPicker: () => {}, scanScreen: () => {} },
      'linux',
    );
    const status = hotkeys.apply({ ...defaults, scanScreen: 'Ctrl+Alt+O' });
    expect(status[2]).toMatchObject({
      registered: false,
      problem: { reason: 'ours', usedFor: 'typeCode' },
    });
  });
});

describe('the hotkeys as assembleApp wires them', () => {
  it("a failure of the type-code hotkey's work reaches the logger, not the void", async () => {
    const { app, shortcuts, logged } = await fakeApp();
    await app.start();
    app.typing.typeCurrentCode = async () => {
      throw new TypeError('entries is undefined');
    };
    const accelerator = (await app.getState()).settings.hotkeys.typeCode;
    shortcuts.registered.get(accelerator)!();
    await vi.waitFor(() =>
      expect(logged.map(([message]) => message)).toContain('the type-code hotkey failed'),
    );
  });
});
