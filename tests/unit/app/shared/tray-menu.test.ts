// The tray menu is a pure function of state: each row of these tables is one state and the menu
// (or the label, or the rebuild time) it must give.
import { describe, expect, it } from 'vitest';
import {
  accountLabel,
  nextTrayRebuildAt,
  trayMenu,
  type TrayAccount,
  type TrayMenuItem,
  type TrayState,
} from '../../../../main/app/shared/tray-menu';

const github: TrayAccount = { id: 'g', issuer: 'GitHub', name: 'alice', type: 'totp', period: 30 };
const aws: TrayAccount = { id: 'a', issuer: 'AWS', name: 'root', type: 'totp', period: 60 };
const bank: TrayAccount = { id: 'b', issuer: 'Bank', name: '', type: 'hotp', period: 30 };
const steam: TrayAccount = { id: 's', issuer: 'Steam', name: 'gamer', type: 'steam', period: 30 };

// 1_700_000_022_500 ms: 1700000022 s, which is 12 s into a 30 s period (18 s left) and
// 42 s into a 60 s period (18 s left too), so labels are checked with a third time below.
const T = 1_700_000_022_500;

const base: TrayState = { locked: false, pinned: [], recent: [], nowMs: T };

/** The menu as short strings, so a whole menu fits one table cell. */
function outline(menu: TrayMenuItem[]): string[] {
  return menu.map((i) =>
    i.kind === 'separator'
      ? '---'
      : `${i.label}${i.enabled ? '' : ' [disabled]'}${i.accelerator ? ` <${i.accelerator}>` : ''}`,
  );
}

const ACTIONS_UNLOCKED = [
  '---',
  'Scan QR from screen',
  'Scan region…',
  'Add account…',
  '---',
  'Open TrayOTP',
  'Lock',
  'Settings',
  '---',
  'Quit',
];

describe('trayMenu', () => {
  it.each<[string, TrayState, string[]]>([
    ['no accounts', base, ['No accounts yet [disabled]', ...ACTIONS_UNLOCKED]],
    [
      'pinned and recent, separated',
      { ...base, pinned: [github], recent: [aws] },
      ['GitHub · alice  18 s', '---', 'AWS · root  18 s', ...ACTIONS_UNLOCKED],
    ],
    [
      'a recent account that is pinned shows once, in the pinned section',
      { ...base, pinned: [github], recent: [github, bank] },
      ['GitHub · alice  18 s', '---', 'Bank', ...ACTIONS_UNLOCKED],
    ],
    [
      'only recent accounts, no separator before them',
      { ...base, recent: [steam, bank] },
      ['Steam · gamer  18 s', 'Bank', ...ACTIONS_UNLOCKED],
    ],
    [
      'recent accounts are capped',
      { ...base, recent: [github, aws, bank, steam], maxRecent: 2 },
      ['GitHub · alice  18 s', 'AWS · root  18 s', ...ACTIONS_UNLOCKED],
    ],
    [
      'the scan hotkey shows beside its item',
      { ...base, shortcuts: { scanScreen: 'CommandOrControl+Alt+S' } },
      [
        'No accounts yet [disabled]',
        '---',
        'Scan QR from screen <CommandOrControl+Alt+S>',
        ...ACTIONS_UNLOCKED.slice(2),
      ],
    ],
    [
      'locked: no accounts, adding disabled, Unlock instead of Lock',
      { ...base, locked: true, pinned: [github], recent: [aws] },
      [
        'TrayOTP is locked [disabled]',
        '---',
        'Scan QR from screen [disabled]',
        'Scan region… [disabled]',
        'Add account… [disabled]',
        '---',
        'Open TrayOTP',
        'Unlock',
        'Settings',
        '---',
        'Quit',
      ],
    ],
  ])('%s', (_name, state, expected) => {
    expect(outline(trayMenu(state))).toEqual(expected);
  });

  it('gives every clickable item its action and a unique id', () => {
    const menu = trayMenu({ ...base, pinned: [github], recent: [aws] });
    const items = menu.filter((i) => i.kind === 'item');
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    expect(items.map((i) => [i.id, i.action])).toEqual([
      ['account:g', { type: 'copy-code', accountId: 'g' }],
      ['account:a', { type: 'copy-code', accountId: 'a' }],
      ['scan-screen', { type: 'scan-screen' }],
      ['scan-region', { type: 'scan-region' }],
      ['add-account', { type: 'add-account' }],
      ['open', { type: 'open' }],
      ['lock', { type: 'lock' }],
      ['settings', { type: 'settings' }],
      ['quit', { type: 'quit' }],
    ]);
    const unlock = trayMenu({ ...base, locked: true }).find(
      (i) => i.kind === 'item' && i.id === 'unlock',
    );
    expect(unlock).toMatchObject({ action: { type: 'unlock' }, enabled: true });
  });

  it('never puts anything but labels in the model (no secrets to leak)', () => {
    const withSecret = { ...github, secret: 'JBSWY3DPEHPK3PXP' } as TrayAccount;
    expect(JSON.stringify(trayMenu({ ...base, pinned: [withSecret] }))).not.toContain('JBSWY3DP');
  });
});

describe('accountLabel', () => {
  it.each<[string, TrayAccount, number, string]>([
    [
      'at a period start, the whole period is left',
      github,
      1_700_000_010_000,
      'GitHub · alice  30 s',
    ],
    ['one ms before the boundary, 1 s is left', github, 1_700_000_039_999, 'GitHub · alice  1 s'],
    ['a 60 s period', aws, 1_700_000_010_000, 'AWS · root  30 s'],
    ['HOTP shows no time', bank, T, 'Bank'],
    ['name only', { ...github, issuer: '' }, 1_700_000_010_000, 'alice  30 s'],
    [
      'neither issuer nor name',
      { ...github, issuer: '', name: ' ' },
      1_700_000_010_000,
      'Unnamed account  30 s',
    ],
    [
      'long parts are shortened',
      { ...github, name: 'a-very-long-account-name-at-example.com' },
      1_700_000_010_000,
      'GitHub · a-very-long-account-name-at-exa…  30 s',
    ],
  ])('%s', (_name, account, nowMs, expected) => {
    expect(accountLabel(account, nowMs)).toBe(expected);
  });
});

describe('nextTrayRebuildAt', () => {
  it.each<[string, TrayState, number | undefined, number | undefined]>([
    ['the next 30 s boundary', { ...base, pinned: [github] }, undefined, 1_700_000_040_000],
    // 1_700_000_045_000: the 30 s period turns at …070 s, the 60 s period at …100 s.
    [
      'the earliest boundary of all shown accounts',
      { ...base, nowMs: 1_700_000_045_000, pinned: [aws], recent: [github] },
      undefined,
      1_700_000_070_000,
    ],
    [
      'a 60 s period alone',
      { ...base, nowMs: 1_700_000_045_000, pinned: [aws] },
      undefined,
      1_700_000_100_000,
    ],
    [
      'exactly at a boundary: the next one',
      { ...base, nowMs: 1_700_000_010_000, pinned: [github] },
      undefined,
      1_700_000_040_000,
    ],
    ['refresh grid earlier than the boundary', { ...base, pinned: [github] }, 5, 1_700_000_025_000],
    ['HOTP only: never', { ...base, pinned: [bank] }, 5, undefined],
    ['locked: never', { ...base, locked: true, pinned: [github] }, 5, undefined],
    ['no accounts: never', base, 5, undefined],
    [
      'accounts beyond the recent cap do not count',
      { ...base, recent: [bank, aws], maxRecent: 1 },
      undefined,
      undefined,
    ],
  ])('%s', (_name, state, refresh, expected) => {
    expect(nextTrayRebuildAt(state, refresh)).toBe(expected);
  });
});

describe('labels from outside cannot fake rows or reorder text', () => {
  // Old vault entries and files from other apps may hold line breaks, ESC or bidi overrides.
  it.each([
    ['Bank\nCopy code 123 456', 'alice', 'Bank Copy code 123 456 · alice  18 s'],
    ['Bank\r\n\r\nQuit', '', 'Bank Quit  18 s'],
    ['\u001b]0;pwned\u0007GitHub', 'bob', ']0;pwnedGitHub · bob  18 s'],
    ['moc.elgoog\u202e', 'x\u2066y\u2069', 'moc.elgoog · xy  18 s'],
  ])('%j / %j → %j', (issuer, name, label) => {
    const account: TrayAccount = { id: 'e', issuer, name, type: 'totp', period: 30 };
    expect(accountLabel(account, T)).toBe(label);
    const row = trayMenu({ ...base, pinned: [account] })[0];
    expect(row).toMatchObject({ kind: 'item', label });
  });
});
