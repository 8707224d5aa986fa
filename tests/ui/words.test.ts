// The window's words, in Node (issue 25): counts ("1 second", never "1 seconds": the Enrol view
// said "1 seconds left") and the keychain by the name a person knows ("gnome_libsecret" was shown).
import { describe, expect, it } from 'vitest';
import { ago } from '../../renderer/src/components/sync/sync-text';
import { keychainName } from '../../renderer/src/lib/keychain-name';
import { plural } from '../../renderer/src/lib/plural';

describe('plural', () => {
  it.each([
    [0, 'second', '0 seconds'],
    [1, 'second', '1 second'],
    [2, 'second', '2 seconds'],
    [1, 'entry', '1 entry'],
    [3, 'entry', '3 entries', 'entries'],
  ])('%d %s → %s', (count, one, text, other?: string) =>
    expect(plural(count, one, other)).toBe(text),
  );

  it('sync says "1 minute ago", "1 hour ago", "1 day ago"', () => {
    const now = 10 * 86_400_000;
    expect(ago(now - 60_000, now)).toBe('1 minute ago');
    expect(ago(now - 3_600_000, now)).toBe('1 hour ago');
    expect(ago(now - 86_400_000, now)).toBe('1 day ago');
    expect(ago(now - 2 * 86_400_000, now)).toBe('2 days ago');
  });
});

describe('keychain names', () => {
  it.each([
    ['gnome_libsecret', 'GNOME Keyring or another Secret Service'],
    ['kwallet6', 'KDE Wallet'],
    ['basic_text', 'a plain-text store'],
    ['unknown', undefined],
    [null, undefined],
  ])('%s → %s (never the backend id)', (backend, name) => expect(keychainName(backend)).toBe(name));
});
