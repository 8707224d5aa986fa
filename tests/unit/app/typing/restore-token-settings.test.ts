// The desktop's approval to type (Wayland's restore token) in the settings file: an old file
// without it loads as "none kept", a kept one survives every settings change, the window's
// settings never hold it, and an unusable value is dropped and reported.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, applySettingsPatch } from '../../../../main/app/shared/settings';
import { RESTORE_TOKEN_KEY } from '../../../../main/app/shared/restore-token';
import { ElectronSettingsStore } from '../../../../main/platform/settings-store';
import type { StoreFactory } from '../../../../main/platform/settings-store';

const fileStore: StoreFactory = ({ name, cwd }) => {
  const path = join(cwd!, `${name}.json`);
  const read = () => {
    try {
      return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
  };
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

async function open(content?: object) {
  const folder = await mkdtemp(join(tmpdir(), 'trayotp-token-'));
  folders.push(folder);
  if (content) await writeFile(join(folder, 'settings.json'), JSON.stringify(content));
  const reports: string[][] = [];
  const store = ElectronSettingsStore.open(fileStore, {
    folder,
    now: () => Date.UTC(2026, 11, 7),
    report: (problems) => reports.push(problems),
  });
  const file = async () =>
    JSON.parse(await readFile(join(folder, 'settings.json'), 'utf8')) as Record<string, unknown>;
  return { store, reports, file };
}

const TOKEN = '0b6f3c1e-2a4d-4c8e-9f10-5d7a8b9c0d1e';

describe('the kept approval to type in the settings file', () => {
  it('an old settings file without it loads whole, with none kept and nothing reported', async () => {
    const { store, reports } = await open({ ...DEFAULT_SETTINGS, theme: 'dark' });
    expect(store.get().theme).toBe('dark');
    expect(store.restoreToken()).toBeUndefined();
    expect(reports).toEqual([]);
  });

  it('a kept token is read back, never reported as an unknown setting, never in the settings', async () => {
    const { store, reports } = await open({ ...DEFAULT_SETTINGS, [RESTORE_TOKEN_KEY]: TOKEN });
    expect(reports).toEqual([]);
    expect(store.restoreToken()).toBe(TOKEN);
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(Object.keys(store.get())).not.toContain(RESTORE_TOKEN_KEY);
  });

  it('survives a settings change, and Forget drops it from the file', async () => {
    const { store, file } = await open();
    store.saveRestoreToken(TOKEN);
    expect((await file())[RESTORE_TOKEN_KEY]).toBe(TOKEN);
    store.set({ theme: 'light' });
    expect(await file()).toEqual({
      ...DEFAULT_SETTINGS,
      theme: 'light',
      [RESTORE_TOKEN_KEY]: TOKEN,
    });
    store.saveRestoreToken(undefined);
    expect(await file()).toEqual({ ...DEFAULT_SETTINGS, theme: 'light' });
    expect(store.restoreToken()).toBeUndefined();
  });

  it('an unusable value is dropped and reported', async () => {
    const { store, reports } = await open({ [RESTORE_TOKEN_KEY]: 'x'.repeat(300) });
    expect(store.restoreToken()).toBeUndefined();
    expect(reports.flat().join(' ')).toMatch(/approval to type .* unusable/);
    const again = await open({ [RESTORE_TOKEN_KEY]: { token: TOKEN } });
    expect(again.store.restoreToken()).toBeUndefined();
  });

  it('the window cannot write it through a settings patch', () => {
    expect(() => applySettingsPatch(DEFAULT_SETTINGS, { [RESTORE_TOKEN_KEY]: TOKEN })).toThrow(
      /cannot be saved/,
    );
  });
});
