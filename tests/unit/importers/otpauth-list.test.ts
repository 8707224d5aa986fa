// Plain otpauth:// lists: the interop files (Aegis's plain.txt, Ente Auth's text export) and the
// rules for comments, blank lines, junk and Ente's codeDisplay parameter.
import { describe, expect, it } from 'vitest';
import { detectFormat, importFile } from '../../../main/importers';
import { describeInterop } from './interop-harness';

describeInterop({ set: 'aegis', format: 'otpauth', files: ['plain.txt', 'ente_auth.txt'] });

const text = (content: string, fileName = 'list.txt') => ({
  fileName,
  bytes: new TextEncoder().encode(content),
});
const SECRET = 'JBSWY3DPEHPK3PXP';
const display = (json: object) => `&codeDisplay=${encodeURIComponent(JSON.stringify(json))}`;

describe('otpauth:// lists', () => {
  it('ignores blank lines, # comments, a BOM and CRLF line ends', async () => {
    const result = await importFile(
      text(
        `\uFEFF# my accounts\r\n\r\notpauth://totp/A:a?secret=${SECRET}\r\n  # indented comment\r\notpauth://hotp/B:b?secret=${SECRET}&counter=7\n`,
      ),
    );
    expect(result.format).toBe('otpauth');
    expect(
      result.entries.map((e) => [e.account.issuer, e.account.type, e.account.counter]),
    ).toEqual([
      ['A', 'totp', 0],
      ['B', 'hotp', 7],
    ]);
    expect(result.skipped).toEqual([]);
  });

  it.each([
    [
      'a line that is not a link',
      `otpauth://totp/A:a?secret=${SECRET}\nhello`,
      'line 2',
      'This line is not an otpauth:// link.',
    ],
    [
      'a link with a bad secret',
      `otpauth://totp/A:a?secret=${SECRET}\notpauth://totp/B:b?secret=1`,
      'line 2',
      'The secret is not base32: "1" is not one of A–Z, 2–7.',
    ],
    [
      'an HOTP link without counter',
      `otpauth://totp/A:a?secret=${SECRET}\notpauth://hotp/B:b?secret=${SECRET}`,
      'line 2',
      'An HOTP account needs its counter (&counter=… in the link); without it the codes would not match the site.',
    ],
    [
      'a trashed Ente entry',
      `otpauth://totp/A:a?secret=${SECRET}\notpauth://totp/B:b?secret=${SECRET}${display({ trashed: true })}`,
      'line 2',
      "The entry is in Ente Auth's trash.",
    ],
  ])('skips %s with the reason and imports the rest', async (_what, content, label, reason) => {
    const result = await importFile(text(content));
    expect(result.entries.map((e) => e.account.issuer)).toEqual(['A']);
    expect(result.skipped).toEqual([{ label, reason }]);
  });

  it("keeps Ente's tags as groups and tolerates an unreadable codeDisplay", async () => {
    const result = await importFile(
      text(
        `otpauth://totp/A:a?secret=${SECRET}${display({ tags: ['work', 'mail', 3], pinned: true })}\notpauth://totp/B:b?secret=${SECRET}&codeDisplay=%7Bbroken`,
      ),
    );
    expect(result.entries.map((e) => [e.account.issuer, e.groups])).toEqual([
      ['A', ['work', 'mail']],
      ['B', undefined],
    ]);
  });

  it('reads a file of only comments as an empty list (as extract_otp_secrets does)', async () => {
    const result = await importFile(text('# nothing\n\n# here\n'));
    expect(result).toMatchObject({ format: 'otpauth', entries: [], skipped: [] });
  });

  it.each([
    ['an empty file', ''],
    ['prose', 'Lorem ipsum dolor sit amet.\nConsetetur sadipscing elitr.'],
    ['binary data', '\u0000\u0001otpauth://totp/A?secret=' + SECRET],
    [
      'JSON holding a link',
      `{\n "a": 1,\n "b": 2,\n "uri": "otpauth://totp/A?secret=${SECRET}"\n}`,
    ],
  ])('does not claim %s', (_what, content) => {
    expect(() => detectFormat(text(content))).toThrow(/is not an export TrayOTP can read/);
  });
});
