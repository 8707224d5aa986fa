// Issue 23, R1: which focused programs the hotkey leaves to the extension, by process and window
// class (never by title): well-known browsers once anything is paired, and a pairing's own
// executable; everything else keeps the title path.
import { describe, expect, it } from 'vitest';
import {
  executableName,
  guardedBrowser,
  knownBrowser,
} from '../../../../main/app/typing/browser-windows';

const PAIRED = [{}];

describe('knownBrowser', () => {
  it.each([
    [{ executable: '/usr/lib/chromium/chromium' }, 'Chromium'],
    [{ executable: '/usr/lib/chromium/chromium (deleted)' }, 'Chromium'],
    [{ windowClass: ['google-chrome', 'Google-chrome'] }, 'Google Chrome'],
    [{ executable: '/opt/google/chrome/chrome' }, 'Google Chrome'],
    [{ executable: 'C:\\Program Files\\BraveSoftware\\Brave-Browser\\brave.exe' }, 'Brave'],
    [
      { executable: 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe' },
      'Microsoft Edge',
    ],
    [{ windowClass: ['Navigator', 'firefox'] }, 'Firefox'],
    [{ bundleId: 'com.google.Chrome' }, 'Google Chrome'],
    [{ bundleId: 'org.mozilla.firefox' }, 'Firefox'],
    [{ windowClass: ['vivaldi-stable', 'Vivaldi-stable'] }, 'Vivaldi'],
    [{ executable: '/usr/lib/x86_64-linux-gnu/opera/opera' }, 'Opera'],
  ])('%j is %s', (program, name) => {
    expect(knownBrowser(program)?.name).toBe(name);
  });

  it.each([
    [{ executable: '/usr/bin/xterm', windowClass: ['xterm', 'XTerm'] }],
    [{ executable: '/usr/bin/chromium-helper-not-a-browser' }],
    [{ windowClass: ['Navigator'] }],
    [{ bundleId: 'com.apple.Terminal' }],
    [{}],
  ])('%j is not a browser', (program) => {
    expect(knownBrowser(program)).toBeUndefined();
  });

  it('names an executable as it runs', () => {
    expect(executableName('/usr/lib/chromium/chromium (deleted)')).toBe('chromium');
    expect(executableName('C:\\x\\MSEDGE.EXE')).toBe('msedge');
  });
});

describe('guardedBrowser', () => {
  it('nothing paired: no window is guarded (the title path as before the extension)', () => {
    expect(guardedBrowser({ executable: '/usr/lib/chromium/chromium' }, [])).toBeUndefined();
  });

  it('something paired: a well-known browser is guarded, another program is not', () => {
    expect(guardedBrowser({ windowClass: ['chromium', 'Chromium'] }, PAIRED)).toEqual({
      name: 'Chromium',
    });
    expect(guardedBrowser({ executable: '/usr/bin/gedit' }, PAIRED)).toBeUndefined();
    expect(guardedBrowser(undefined, PAIRED)).toBeUndefined();
  });

  it('a browser the list does not know is guarded by the executable its pairing recorded', () => {
    const paired = [{ executable: '/opt/thorium/thorium' }];
    expect(guardedBrowser({ executable: '/opt/thorium/thorium (deleted)' }, paired)).toEqual({
      name: 'thorium',
    });
    expect(guardedBrowser({ executable: '/opt/other/other' }, paired)).toBeUndefined();
  });
});
