// The clock check's settings file: kept across runs, and a file that is damaged, hostile or too
// large starts from the defaults instead of failing.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clockSettingsFile } from '../../../main/platform/clock-settings-file';
import { DEFAULT_CLOCK_SETTINGS } from '../../../main/time/settings';

describe('clockSettingsFile', () => {
  it('keeps what was set across runs', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'trayotp-clock-')), 'clock-check.json');
    const store = clockSettingsFile(path);
    expect(store.get()).toEqual(DEFAULT_CLOCK_SETTINGS);
    store.set({
      clockCheckEnabled: true,
      clockCorrection: 'manual',
      clockManualOffsetSeconds: -42,
    });
    expect(clockSettingsFile(path).get()).toMatchObject({
      clockCheckEnabled: true,
      clockCorrection: 'manual',
      clockManualOffsetSeconds: -42,
    });
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ clockCheckEnabled: true });
  });

  it.each([
    ['not JSON', '{'],
    [
      'an offset beyond the limit',
      JSON.stringify({ ...DEFAULT_CLOCK_SETTINGS, clockManualOffsetSeconds: 9999 }),
    ],
    ['a wrong type', JSON.stringify({ ...DEFAULT_CLOCK_SETTINGS, clockCheckEnabled: 'yes' })],
    ['too large', ' '.repeat(70_000) + '{}'],
  ])('%s: the defaults', async (_name, text) => {
    const path = join(await mkdtemp(join(tmpdir(), 'trayotp-clock-')), 'clock-check.json');
    await writeFile(path, text);
    expect(clockSettingsFile(path).get()).toEqual(DEFAULT_CLOCK_SETTINGS);
  });

  it('refuses to store a value outside the schema', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'trayotp-clock-')), 'clock-check.json');
    expect(() => clockSettingsFile(path).set({ clockManualOffsetSeconds: 301 })).toThrow();
  });
});
