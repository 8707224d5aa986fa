// Non-secret settings: defaults, per-field fallback with a report, and the electron-store adapter
// (main/platform/settings-store.ts) over a file-backed store that fails like electron-store does
// (a SyntaxError on a file that is not JSON unless clearInvalidConfig is set).
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  applySettingsPatch,
  DEFAULT_SETTINGS,
  isAccelerator,
  parseSettings,
  SettingsError,
} from '../../../../main/app/shared/settings';
import { ElectronSettingsStore } from '../../../../main/platform/settings-store';
import type { StoreFactory } from '../../../../main/platform/settings-store';
import { settings as settingsSchema } from '../../../../preload/contract';

describe('parseSettings', () => {
  it('defaults are valid settings: 20 s clipboard, 3 s fresh-code wait', () => {
    expect(settingsSchema.parse(DEFAULT_SETTINGS)).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS).toMatchObject({ clipboardClearSeconds: 20, freshCodeSeconds: 3 });
    expect(parseSettings({})).toEqual({ settings: DEFAULT_SETTINGS, problems: [] });
  });

  it('keeps every valid value', () => {
    const mine = {
      ...DEFAULT_SETTINGS,
      clipboardClearSeconds: 0,
      theme: 'dark',
      hotkeys: { ...DEFAULT_SETTINGS.hotkeys, typeCode: 'Super+Shift+F12' },
    };
    expect(parseSettings(mine)).toEqual({ settings: mine, problems: [] });
  });

  it.each([
    [
      { theme: 'neon' },
      { theme: 'system' },
      'Setting "theme" has an invalid value "neon"; the default "system" is used.',
    ],
    [
      { clipboardClearSeconds: -1 },
      { clipboardClearSeconds: 20 },
      'Setting "clipboardClearSeconds" has an invalid value -1; the default 20 is used.',
    ],
    [
      { autoLockMinutes: '5' },
      { autoLockMinutes: 15 },
      'Setting "autoLockMinutes" has an invalid value "5"; the default 15 is used.',
    ],
    [{ colour: 'red' }, {}, 'Unknown setting "colour" is ignored.'],
    [
      { hotkeys: { typeCode: 'Ctrl+Alt' } },
      {},
      'Hotkey "typeCode" has an invalid shortcut "Ctrl+Alt"; the default CommandOrControl+Alt+O is used.',
    ],
    [{ hotkeys: { dance: 'Ctrl+D' } }, {}, 'Unknown hotkey "dance" is ignored.'],
    [
      { hotkeys: 'Ctrl+O' },
      {},
      'Setting "hotkeys" is not a list of shortcuts; the default shortcuts are used.',
    ],
  ])('%j → default for that field, reported', (raw, expected, problem) => {
    const { settings, problems } = parseSettings({ ...raw, autoStart: true });
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, autoStart: true, ...expected });
    expect(problems).toEqual([problem]);
  });

  it.each([[null], [[]], ['text'], [7]])('%j → all defaults, reported', (raw) => {
    expect(parseSettings(raw)).toEqual({
      settings: DEFAULT_SETTINGS,
      problems: ['The settings file does not hold settings; the defaults are used.'],
    });
  });

  it.each([
    ['CommandOrControl+Alt+O', true],
    ['F12', true],
    ['', true],
    ['Shift+', false],
    ['Ctrl+Alt', false],
    ['Hyper+O', false],
    ['Ctrl+ O', false],
    [42, false],
  ])('isAccelerator(%j) = %s', (value, ok) => {
    expect(isAccelerator(value)).toBe(ok);
  });

  it('a patch that does not validate changes nothing and says why', () => {
    expect(applySettingsPatch(DEFAULT_SETTINGS, { theme: 'dark' }).theme).toBe('dark');
    expect(
      applySettingsPatch(DEFAULT_SETTINGS, { hotkeys: { scanScreen: 'Alt+Q' } }).hotkeys,
    ).toEqual({ ...DEFAULT_SETTINGS.hotkeys, scanScreen: 'Alt+Q' });
    expect(() => applySettingsPatch(DEFAULT_SETTINGS, { theme: 'neon' })).toThrow(SettingsError);
    expect(() => applySettingsPatch(DEFAULT_SETTINGS, { bogus: 1 })).toThrow(SettingsError);
    expect(() => applySettingsPatch(DEFAULT_SETTINGS, { hotkeys: { typeCode: 'Ctrl+' } })).toThrow(
      /is not a keyboard shortcut/,
    );
  });
});

/** A file-backed store with electron-store's behaviour on a file that is not JSON. */
const fileStore: StoreFactory = ({ name, cwd, clearInvalidConfig }) => {
  const path = join(cwd!, `${name}.json`);
  const read = () => {
    try {
      return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      if (clearInvalidConfig && (error as Error).name === 'SyntaxError') return {};
      throw error;
    }
  };
  read(); // like conf, the constructor reads the file
  return {
    get store() {
      return read();
    },
    set store(value) {
      writeFileSync(path, JSON.stringify(value));
    },
  };
};

const folders: string[] = [];
afterEach(async () => Promise.all(folders.splice(0).map((f) => rm(f, { recursive: true }))));

async function open(content?: string) {
  const folder = await mkdtemp(join(tmpdir(), 'trayotp-settings-'));
  folders.push(folder);
  if (content !== undefined) await writeFile(join(folder, 'settings.json'), content);
  const reports: string[][] = [];
  const store = ElectronSettingsStore.open(fileStore, {
    folder,
    now: () => Date.UTC(2026, 10, 28, 1, 2, 3),
    report: (problems) => reports.push(problems),
  });
  return { folder, store, reports };
}

const KEPT = 'settings.json.invalid-2026-11-28T01-02-03-000Z';

describe('ElectronSettingsStore', () => {
  it('no file: defaults, nothing reported, nothing written until a change', async () => {
    const { folder, store, reports } = await open();
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(reports).toEqual([]);
    expect(await readdir(folder)).toEqual([]);
    expect(store.set({ theme: 'light' }).theme).toBe('light');
    expect(JSON.parse(await readFile(join(folder, 'settings.json'), 'utf8'))).toEqual({
      ...DEFAULT_SETTINGS,
      theme: 'light',
    });
  });

  it('a file that is not JSON is kept as .invalid-<time> and reported before defaults are used', async () => {
    const { folder, store, reports } = await open('{"theme": "dark",');
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(reports).toEqual([
      [`The settings file is not valid JSON; it is kept as ${join(folder, KEPT)}.`],
    ]);
    expect(await readFile(join(folder, KEPT), 'utf8')).toBe('{"theme": "dark",');
  });

  it('an invalid field falls back, is reported, and the file as it was is kept', async () => {
    const original = JSON.stringify({ ...DEFAULT_SETTINGS, theme: 'neon', autoStart: true });
    const { folder, store, reports } = await open(original);
    expect(store.get()).toEqual({ ...DEFAULT_SETTINGS, autoStart: true });
    expect(reports).toEqual([
      [
        'Setting "theme" has an invalid value "neon"; the default "system" is used.',
        `The settings file as it was is kept as ${join(folder, KEPT)}.`,
      ],
    ]);
    expect(await readFile(join(folder, KEPT), 'utf8')).toBe(original);
    expect(await readFile(join(folder, 'settings.json'), 'utf8')).toBe(original);
  });

  it('a change that does not validate leaves the file alone', async () => {
    const { folder, store } = await open(JSON.stringify(DEFAULT_SETTINGS));
    expect(() => store.set({ clipboardClearSeconds: 9999 })).toThrow(SettingsError);
    expect(JSON.parse(await readFile(join(folder, 'settings.json'), 'utf8'))).toEqual(
      DEFAULT_SETTINGS,
    );
  });
});
