// The window's pure helpers, in Node: code grouping, initials, fuzzy search, brand icon
// matching, the hotkey recorder's accelerator and tag parsing.
import { describe, expect, it } from 'vitest';
import { acceleratorFor } from '../../renderer/src/components/HotkeyRecorder';
import { brandIconFor } from '../../renderer/src/lib/brand-icons';
import { groupCode, initials, secondsLeft } from '../../renderer/src/lib/format';
import { fuzzyFilter } from '../../renderer/src/lib/fuzzy';

describe('groupCode', () => {
  it.each([
    ['123456', '123 456'],
    ['1234567', '123 4567'],
    ['12345678', '1234 5678'],
    ['1234567890', '12345 67890'],
    ['RXPPN', 'RXPPN'],
    ['', ''],
  ])('%s → %s', (code, grouped) => expect(groupCode(code)).toBe(grouped));
});

describe('initials', () => {
  it.each([
    ['Acme Corp', 'AC'],
    ['example', 'EX'],
    ['alice@example.com', 'AE'],
    ['Ünïcode Bank', 'ÜB'],
    ['', '?'],
    ['!!!', '?'],
  ])('%s → %s', (text, expected) => expect(initials(text)).toBe(expected));
});

describe('secondsLeft', () => {
  it.each([
    [30_000, 0, 30],
    [30_000, 29_001, 1],
    [30_000, 29_999, 1],
    [30_000, 30_000, 0],
    [30_000, 31_000, 0],
  ])('until %d at %d → %d', (until, now, left) => expect(secondsLeft(until, now)).toBe(left));
});

describe('fuzzyFilter', () => {
  const accounts = [
    { issuer: 'GitHub', name: 'alice', tags: [] },
    { issuer: 'GitLab', name: 'alice', tags: ['work'] },
    { issuer: 'Google', name: 'bob@gmail.com', tags: [] },
    { issuer: 'Acme Corp', name: 'carol', tags: ['legacy'] },
  ];
  const issuers = (query: string) => fuzzyFilter(accounts, query).map((a) => a.issuer);
  it.each([
    ['', ['GitHub', 'GitLab', 'Google', 'Acme Corp']],
    ['   ', ['GitHub', 'GitLab', 'Google', 'Acme Corp']],
    ['git', ['GitHub', 'GitLab']],
    ['GITL', ['GitLab']],
    ['gh', ['GitHub']],
    ['acp', ['Acme Corp']],
    ['work', ['GitLab']],
    ['gmail', ['Google']],
    ['zzz', []],
  ])('%j → %j', (query, expected) => expect(issuers(query)).toEqual(expected));

  it('ranks a whole-word prefix of the issuer above a match inside the name', () => {
    const list = [
      { issuer: 'Example', name: 'hub-admin', tags: [] },
      { issuer: 'Hub', name: 'x', tags: [] },
    ];
    expect(fuzzyFilter(list, 'hub').map((a) => a.issuer)).toEqual(['Hub', 'Example']);
  });
});

describe('brandIconFor', () => {
  it.each([
    ['GitHub', 'GitHub'],
    ['github.com', 'GitHub'],
    ['GitHub Enterprise', 'GitHub'],
    ['Google Workspace', 'Google'],
    ['Twitter', 'X'],
    ['ProtonMail', 'Proton'],
    ['Battle.net', 'Battle.net'],
    ['Blizzard', 'Battle.net'],
  ])('%s → %s', (issuer, title) => expect(brandIconFor(issuer)?.title).toBe(title));

  it.each(['', 'Acme Corp', 'Example Bank', '!!!'])('%j has no brand icon', (issuer) =>
    expect(brandIconFor(issuer)).toBeUndefined(),
  );
});

describe('acceleratorFor', () => {
  const key = (
    key: string,
    code: string,
    mods: Partial<Record<'ctrl' | 'alt' | 'shift' | 'meta', boolean>> = {},
  ) => ({
    key,
    code,
    ctrlKey: Boolean(mods.ctrl),
    altKey: Boolean(mods.alt),
    shiftKey: Boolean(mods.shift),
    metaKey: Boolean(mods.meta),
  });
  it.each([
    [key('k', 'KeyK', { ctrl: true, alt: true }), 'Control+Alt+K'],
    [key('K', 'KeyK', { ctrl: true, shift: true }), 'Control+Shift+K'],
    // The physical key names it, whatever the layout or Alt turned it into.
    [key('ø', 'KeyO', { alt: true }), 'Alt+O'],
    [key('!', 'Digit1', { ctrl: true, shift: true }), 'Control+Shift+1'],
    [key('F9', 'F9'), 'F9'],
    [key(' ', 'Space', { meta: true }), 'Super+Space'],
    [key('ArrowUp', 'ArrowUp', { ctrl: true }), 'Control+Up'],
    [key('Control', 'ControlLeft', { ctrl: true }), null],
    [key('Shift', 'ShiftLeft', { shift: true }), null],
  ])('%j → %s', (event, accelerator) => expect(acceleratorFor(event)).toBe(accelerator));
});
