// Hostile input at the OTP layer (issue 13, "Trust first"): bait for slow regexes, repeated
// link parameters, control characters in labels, and migration links that claim absurd batches.
// Every case must end quickly with a typed error (or a cleaned account), never hang or abort.
import { describe, expect, it } from 'vitest';
import {
  decodeMigrationUri,
  LIMITS,
  normalizeBase32,
  OtpError,
  parseOtpUri,
  toAccount,
} from '../../../main/otp';

const S = 'JBSWY3DPEHPK3PXP';

/** Milliseconds the fastest of three runs of `run` took (a loaded machine adds noise, not work). */
function fastestMs(run: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    try {
      run();
    } catch {
      // only the time matters here; the error is checked separately
    }
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

function otpError(run: () => unknown): OtpError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(OtpError);
    return error as OtpError;
  }
  throw new Error('expected an OtpError, got none');
}

describe('regex bait is refused in linear time', () => {
  it('a 300 KB secret of "=" then one letter (was quadratic in /=+$/)', () => {
    const bait = `${'='.repeat(300_000)}x`;
    expect(otpError(() => normalizeBase32(bait)).code).toBe('secret-too-long');
    expect(fastestMs(() => normalizeBase32(bait))).toBeLessThan(50);
  });

  it('a secret given as raw field (an Aegis or Bitwarden entry) goes through the same bound', () => {
    const bait = `${'='.repeat(300_000)}A`;
    expect(otpError(() => toAccount({ name: 'a', secret: bait })).code).toBe('secret-too-long');
    expect(fastestMs(() => toAccount({ name: 'a', secret: bait }))).toBeLessThan(50);
  });

  it('trailing padding is still dropped', () => {
    expect(normalizeBase32(`${S}======`)).toBe(S);
    expect(normalizeBase32(`${S.toLowerCase()}=`)).toBe(S);
  });

  it('a link of "#" then a line break (was quadratic in /#.*$/)', () => {
    const bait = `otpauth://totp/a?secret=${S}${'#'.repeat(LIMITS.maxUriChars - 60)}\nx`;
    expect(bait.length).toBeLessThanOrEqual(LIMITS.maxUriChars);
    expect(fastestMs(() => parseOtpUri(bait))).toBeLessThan(20);
  });

  it('the fragment is still ignored', () => {
    expect(parseOtpUri(`otpauth://totp/a?secret=${S}#digits=8`).account.digits).toBe(6);
  });

  it('error messages quote at most a short, escaped excerpt of a huge bad value', () => {
    const error = otpError(() =>
      toAccount({ type: `x${'\u001b'.repeat(100_000)}`, name: 'a', secret: S }),
    );
    expect(error.code).toBe('unsupported-type');
    expect(error.message.length).toBeLessThan(300);
    expect(error.message).not.toContain('\u001b');
  });

  it.each([
    ['issuer', { issuer: 'x'.repeat(LIMITS.maxLabelChars + 1) }],
    ['name', { name: 'x'.repeat(300_000) }],
  ])('an over-long %s is refused', (_what, fields) => {
    expect(otpError(() => toAccount({ name: 'a', secret: S, ...fields })).code).toBe(
      'label-too-long',
    );
  });
});

describe('repeated link parameters', () => {
  it.each([
    [`otpauth://totp/a?secret=${S}&digits=8&digits=6`, 'digits'],
    [`otpauth://totp/a?secret=${S}&secret=GEZDGNBVGY3TQOJQ`, 'secret'],
    [`otpauth://totp/a?secret=${S}&Issuer=A&issuer=B`, 'issuer'],
    [`otpauth://hotp/a?secret=${S}&counter=1&counter=2`, 'counter'],
  ])('%s is refused: two values for %s', (uri, key) => {
    const error = otpError(() => parseOtpUri(uri));
    expect(error.code).toBe('conflicting-parameter');
    expect(error.message).toContain(key);
  });

  it('an identical repeat imports, with a warning', () => {
    const { account, warnings } = parseOtpUri(`otpauth://totp/a?secret=${S}&digits=8&digits=8`);
    expect(account.digits).toBe(8);
    expect(warnings.join(' ')).toMatch(/digits.*twice|more than once/);
  });
});

describe('control characters in labels are cleaned at the validation gate', () => {
  it.each([
    ['a newline (a fake extra row)', 'alice\nGitHub: bob 123456', 'alice GitHub: bob 123456'],
    ['CR', 'alice\r\rmallory', 'alice mallory'],
    ['an OSC title sequence', 'x\u001b]0;pwned\u0007y', 'x]0;pwnedy'],
    ['a CSI colour sequence', '\u001b[31mred\u001b[0m', '[31mred[0m'],
    ['a right-to-left override', 'moc.elgoog\u202e', 'moc.elgoog'],
    ['isolates and marks', '\u2066a\u2069\u200fb\u061c', 'ab'],
    ['C1 controls and DEL', 'a\u009bb\u007fc', 'abc'],
    ['a line separator', 'a\u2028b', 'a b'],
  ])('%s', (_what, raw, clean) => {
    const { account, warnings } = toAccount({ issuer: raw, name: raw, secret: S });
    expect(account.issuer).toBe(clean);
    expect(account.name).toBe(clean);
    expect(warnings.join(' ')).toMatch(/control|invisible/i);
  });

  it('plain text, emoji sequences and accents pass untouched and without a warning', () => {
    const name = 'Zoë 👩‍💻 مرحبا';
    const { account, warnings } = toAccount({ issuer: 'ACME', name, secret: S });
    expect(account.name).toBe(name);
    expect(warnings).toEqual([]);
  });

  it('a %0A in an otpauth link label does not reach the account', () => {
    const { account } = parseOtpUri(
      `otpauth://totp/Evil%0A%1B%5B2J:alice%E2%80%AE?secret=${S}&issuer=Evil%0A%1B%5B2J`,
    );
    expect(account.issuer).toBe('Evil [2J');
    expect(account.name).toBe('alice');
  });

  it('a label that is only control characters is no label', () => {
    expect(otpError(() => parseOtpUri(`otpauth://totp/%0A%1B?secret=${S}`)).code).toBe(
      'missing-label',
    );
  });
});

/** A migration payload by hand: one account, then the batch fields as given. */
function migrationLink(batchSize: number, batchIndex: number): string {
  const varint = (n: number) => {
    const out: number[] = [];
    let v = BigInt.asUintN(64, BigInt(n));
    do {
      const byte = Number(v & 0x7fn);
      v >>= 7n;
      out.push(v ? byte | 0x80 : byte);
    } while (v);
    return out;
  };
  const secret = [...Buffer.from('12345678901234567890')];
  const otp = [0x0a, secret.length, ...secret, 0x12, 1, 0x61];
  const payload = [
    0x0a,
    otp.length,
    ...otp,
    0x10,
    1,
    0x18,
    ...varint(batchSize),
    0x20,
    ...varint(batchIndex),
    0x28,
    7,
  ];
  return `otpauth-migration://offline?data=${encodeURIComponent(Buffer.from(payload).toString('base64'))}`;
}

describe('migration links that claim absurd batches', () => {
  it('the 95-byte link claiming 2^31-1 parts is refused before anything is allocated', () => {
    const link = migrationLink(2 ** 31 - 1, 0);
    expect(link.length).toBeLessThan(100);
    const error = otpError(() => decodeMigrationUri(link));
    expect(error.code).toBe('invalid-migration');
    expect(error.message).toMatch(/2147483647 parts.*1000/);
  });

  it.each([
    [3, 3],
    [3, -1],
    [1, 2 ** 31 - 1],
  ])('batch size %i with index %i is refused', (size, index) => {
    expect(otpError(() => decodeMigrationUri(migrationLink(size, index))).code).toBe(
      'invalid-migration',
    );
  });

  it('a real batch of 1000 parts is still read', () => {
    const decoded = decodeMigrationUri(migrationLink(1000, 999));
    expect(decoded.batch).toMatchObject({ batchSize: 1000, batchIndex: 999 });
    expect(decoded.accounts).toHaveLength(1);
  });
});

describe('migration imports of absurd size', () => {
  it('more export links than any real export has are refused at once', async () => {
    const { readMigrationLinks, MAX_MIGRATION_LINKS } =
      await import('../../../main/importers/google-migration');
    const links = Array.from({ length: MAX_MIGRATION_LINKS + 1 }, (_, i) => ({
      line: i + 1,
      kind: 'migration' as const,
      text: migrationLink(1000, i % 1000).replace('data=', `x=${i}&data=`),
      prefix: '',
    }));
    expect(() => readMigrationLinks(links)).toThrow(/at most 1000/);
  });

  it('a batch missing most of 1000 parts lists 20 of them and counts the rest', async () => {
    const { readMigrationLinks } = await import('../../../main/importers/google-migration');
    const result = readMigrationLinks([
      { line: 1, kind: 'migration', text: migrationLink(1000, 0), prefix: '' },
    ]);
    const warning = result.warnings?.find((w) => w.includes('missing')) ?? '';
    expect(warning).toMatch(/parts 2, 3, .*, 21 and 979 more of 1000 are missing/);
    expect(warning.length).toBeLessThan(300);
  });
});

describe('migration images of absurd count', () => {
  it('more images than any export has are refused before any is decoded', async () => {
    const { readMigrationImages, MAX_MIGRATION_IMAGES } =
      await import('../../../main/importers/google-migration');
    const inputs = Array.from({ length: MAX_MIGRATION_IMAGES + 1 }, (_, i) => ({
      fileName: `${i}.png`,
      bytes: new Uint8Array(8),
    }));
    await expect(readMigrationImages(inputs)).rejects.toMatchObject({ code: 'too-large' });
  });
});
