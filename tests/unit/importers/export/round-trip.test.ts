// Every exporter's output re-imports through importFile (detection from content) to the same
// accounts; what a format cannot carry is reported, never silently changed.
import { randomBytes } from 'node:crypto';
import jsQR from 'jsqr';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { detectFormat, importFile } from '../../../../main/importers';
import {
  UnacknowledgedPlainExport,
  exportAegisEncrypted,
  exportAegisPlain,
  exportGoogleQr,
  exportOtpauthList,
} from '../../../../main/importers/export';
import type { ExportEntry } from '../../../../main/importers/export';
import { toAccount } from '../../../../main/otp';
import type { Account } from '../../../../main/otp';
import { importError } from '../interop-harness';

const account = (input: Parameters<typeof toAccount>[0]) => toAccount(input).account;
const accounts: Account[] = [
  account({ issuer: 'GitHub', name: 'alice@example.com', secret: 'JBSWY3DPEHPK3PXP' }),
  account({
    issuer: 'SPDX',
    name: 'James',
    secret: '5OM4WOOGPLQEF6UGN3CPEOOLWU',
    algorithm: 'SHA256',
    digits: 7,
    period: 20,
  }),
  account({
    issuer: 'Airbnb',
    name: 'Elijah',
    secret: '7ELGJSGXNCCTV3O6LKJWYFV2RA',
    algorithm: 'SHA512',
    digits: 8,
    period: 60,
  }),
  account({
    type: 'hotp',
    issuer: 'WWE',
    name: 'Mason',
    secret: '5VAML3X35THCEBVRLV24CGBKOY',
    algorithm: 'SHA512',
    digits: 8,
    counter: 10300,
  }),
  account({ type: 'steam', issuer: 'Steam', name: 'gamer', secret: 'JRZCL47CMXVOQMNPZR2F7J4RGI' }),
  account({ issuer: '', name: 'encoding: ¿äÄéÉ? (demo)', secret: 'KUVJJOM753IHTNDSZVCNKL7GII' }),
  account({
    issuer: 'Bank & Co',
    name: 'a+b c/d?e=f',
    secret: 'YOOMIXWS5GN6RTBPUFFWKTW5M4',
    digits: 10,
  }),
];
const entries: ExportEntry[] = accounts.map((a, i) => ({
  account: a,
  groups: i < 2 ? ['Work'] : [],
}));
const asFile = (text: string, fileName = 'export.bin') => ({
  fileName,
  bytes: new TextEncoder().encode(text),
});

describe('Aegis export', () => {
  it('plain: re-imports to the same accounts and groups, detected as Aegis', async () => {
    const input = asFile(exportAegisPlain(entries));
    expect(detectFormat(input)).toMatchObject({ importer: { id: 'aegis' }, encrypted: false });
    const result = await importFile(input);
    expect(result.entries.map((e) => e.account)).toEqual(accounts);
    expect(result.entries.map((e) => e.groups)).toEqual([
      ['Work'],
      ['Work'],
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('encrypted: scrypt N=2^15 r=8 p=1 slot, re-imports with the password only', async () => {
    const text = await exportAegisEncrypted(entries, 'pässword');
    const file = JSON.parse(text);
    expect(file.header.slots).toHaveLength(1);
    expect(file.header.slots[0]).toMatchObject({ type: 1, n: 32768, r: 8, p: 1, repaired: true });
    expect(file.header.slots[0].salt).toMatch(/^[0-9a-f]{64}$/);
    expect(typeof file.db).toBe('string');
    const input = asFile(text);
    expect(detectFormat(input)).toMatchObject({ importer: { id: 'aegis' }, encrypted: true });
    expect(
      (await importFile(input, { password: 'pässword' })).entries.map((e) => e.account),
    ).toEqual(accounts);
    expect((await importError(input, { password: 'password' })).code).toBe('wrong-password');
  });

  it('is deterministic given the randomness (uuids, keys, nonces all come from it)', async () => {
    let seed = 0;
    const fixed = (n: number) => Uint8Array.from({ length: n }, () => seed++ & 0xff);
    const first = exportAegisPlain(entries, { random: fixed });
    seed = 0;
    expect(exportAegisPlain(entries, { random: fixed })).toBe(first);
    expect(exportAegisPlain(entries, { random: randomBytes })).not.toBe(first);
  });
});

describe('otpauth list export', () => {
  it('refuses to write without the acknowledgement that it is unencrypted', () => {
    expect(() => exportOtpauthList(entries, { acknowledgeUnencrypted: false })).toThrow(
      UnacknowledgedPlainExport,
    );
  });

  it('re-imports to the same accounts, detected as an otpauth list', async () => {
    const input = asFile(exportOtpauthList(entries, { acknowledgeUnencrypted: true }));
    expect(detectFormat(input).importer.id).toBe('otpauth');
    const result = await importFile(input);
    expect(result.entries.map((e) => e.account)).toEqual(accounts);
    expect(result.skipped).toEqual([]);
  });
});

async function decodeQr(png: Buffer): Promise<string | undefined> {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data;
}

describe('Google Authenticator QR export', () => {
  it('writes PNG codes of at most 10 accounts that decode and re-import to the same accounts', async () => {
    const many = Array.from({ length: 23 }, (_, i) =>
      account({ issuer: `Site ${i}`, name: `user${i}@example.com`, secret: randomBytes(20) }),
    );
    const { images, unsupported } = await exportGoogleQr(
      many.map((a) => ({ account: a })),
      { batchId: -123456 },
    );
    expect(unsupported).toEqual([]);
    expect(images.map((image) => [image.index, image.count])).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    const texts = await Promise.all(images.map((image) => decodeQr(image.png)));
    expect(texts).toEqual(images.map((image) => image.uri));
    const result = await importFile(asFile(texts.join('\n')));
    expect(result.format).toBe('google-migration');
    expect(result.entries.map((e) => e.account)).toEqual(many);
    expect(result.warnings).toEqual([]);
  });

  it('leaves out what Google cannot carry, with the reason, and round-trips the rest', async () => {
    const { images, unsupported } = await exportGoogleQr(entries, { batchId: 7 });
    expect(unsupported.map((u) => [u.account.issuer, u.reason])).toEqual([
      ['SPDX', "Google Authenticator's export only carries 6 or 8 digits, not 7."],
      ['Airbnb', "Google Authenticator's export has no period; this account uses 60 s, not 30."],
      ['Steam', 'Google Authenticator cannot show Steam Guard codes.'],
      ['Bank & Co', "Google Authenticator's export only carries 6 or 8 digits, not 10."],
    ]);
    const text = await decodeQr(images[0]!.png);
    const result = await importFile(asFile(text ?? ''));
    expect(result.entries.map((e) => e.account)).toEqual([accounts[0], accounts[3], accounts[5]]);
  });
});
