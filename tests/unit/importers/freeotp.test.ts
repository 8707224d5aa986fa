// FreeOTP 1.x tokens.xml and FreeOTP 2 encrypted backups (Java-serialized HashMap).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { freeOtpImporter, parseGcmParameters } from '../../../main/importers/freeotp';
import { describeInterop, interopDir } from './interop-harness';
import type { ExpectedEntry } from './interop-harness';

const plusOneForHotp = (entry: ExpectedEntry): ExpectedEntry =>
  entry.type === 'hotp' && entry.counter !== null
    ? { ...entry, counter: entry.counter + 1 }
    : entry;

// FreeOTP 1.x stores HOTP counters one lower than the link (see freeotp-plus.test.ts): we import
// stored + 1, expected.json lists the stored value, the comparison adds 1 back.
describeInterop({
  set: 'aegis',
  format: 'freeotp',
  files: ['freeotp.xml'],
  adjust: plusOneForHotp,
});
// FreeOTP 2 stores the link's counter as it is; its backups import exactly as listed.
describeInterop({
  set: 'aegis',
  format: 'freeotp',
  files: [
    'freeotp_v2_api23.xml',
    'freeotp_v2_api25.xml',
    'freeotp_v2_api27.xml',
    'freeotp_v2_api34.xml',
    'freeotp_v2_null_algo.xml',
  ],
});

describe('freeotp importer', () => {
  it.each([
    [[0x30, 0x11, 0x04, 0x0c, ...Array(12).fill(7), 0x02, 0x01, 0x10], { tagLength: 16 }],
    [[0x30, 0x11, 0x04, 0x0c, ...Array(12).fill(7), 0x02, 0x01, 0x08], undefined],
    [[0x31, 0x11, 0x04, 0x0c, ...Array(12).fill(7), 0x02, 0x01, 0x10], undefined],
    [[0x30, 0x05, 0x04, 0x0c, 1, 2, 3], undefined],
    [[0x04, 0x0c, ...Array(12).fill(7)], { tagLength: 16 }],
    [[0x04, 0x0c, 1, 2], undefined],
  ])('parses GCM parameters %j', (der, expected) => {
    const parsed = parseGcmParameters(Uint8Array.from(der));
    if (expected === undefined) expect(parsed).toBeUndefined();
    else expect(parsed).toMatchObject(expected);
  });

  it('calls a truncated backup damaged, naming what is wrong', async () => {
    const bytes = readFileSync(`${interopDir}aegis/freeotp_v2_api34.xml`);
    const input = { fileName: 'externalBackup.xml', bytes: new Uint8Array(bytes.subarray(0, 600)) };
    await expect(freeOtpImporter.read(input, 'test')).rejects.toMatchObject({
      code: 'damaged',
      message:
        '"externalBackup.xml" is a damaged FreeOTP backup: The serialized data ends in the middle of a value.',
    });
  });

  it('calls shared_prefs without tokenOrder not FreeOTP', () => {
    const input = {
      fileName: 'tokens.xml',
      bytes: new TextEncoder().encode('<map><string name="a">{}</string></map>'),
    };
    expect(freeOtpImporter.detect(input).confidence).toBe(0);
  });
});

describe('freeotp 2 backups altered on purpose', () => {
  const original = readFileSync(`${interopDir}aegis/freeotp_v2_api34.xml`);
  /** The backup with one same-length text replaced, so the serialization stays valid. */
  function altered(from: string, to: string) {
    expect(to.length).toBe(from.length);
    const at = original.indexOf(from);
    expect(at).toBeGreaterThan(0);
    const bytes = Buffer.from(original);
    bytes.write(to, at, 'latin1');
    return { fileName: 'externalBackup.xml', bytes: new Uint8Array(bytes) };
  }

  it('names a key derivation it does not know as unsupported', async () => {
    const input = altered('PBKDF2withHmacSHA512', 'PBKDF2withHmacSHA999');
    await expect(freeOtpImporter.read(input, 'test')).rejects.toMatchObject({
      code: 'unsupported',
      message:
        'This FreeOTP backup derives its key with PBKDF2withHmacSHA999, which TrayOTP does not know.',
    });
  });

  it('skips a token whose encrypted secret was altered, and imports the rest', async () => {
    // The SPDX token's key record: its additional data names HmacSHA256; change the name.
    const input = altered('\\"mToken\\":\\"HmacSHA256\\"', '\\"mToken\\":\\"HmacSHA257\\"');
    const result = await freeOtpImporter.read(input, 'test');
    expect(result.entries.length).toBeGreaterThan(0);
    expect(result.skipped).toEqual([
      { label: 'SPDX: James', reason: "Its secret does not decrypt with the backup's master key." },
    ]);
  });

  it('says wrong-password when the master key record was altered (GCM cannot tell them apart)', async () => {
    const input = altered('"mToken":"AES"', '"mToken":"AEX"');
    await expect(freeOtpImporter.read(input, 'test')).rejects.toMatchObject({
      code: 'wrong-password',
    });
  });
});

describe('freeotp tokens.xml', () => {
  const token = (fields: Record<string, unknown>) =>
    JSON.stringify({
      algo: 'SHA1',
      digits: 6,
      issuerExt: 'X',
      label: 'y',
      period: 30,
      type: 'TOTP',
      counter: 0,
      ...fields,
    })
      .replace(/&/g, '&amp;')
      .replace(/"/g, '&quot;');
  const prefs = (body: string) => ({
    fileName: 'tokens.xml',
    bytes: new TextEncoder().encode(
      `<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n<map>${body}</map>`,
    ),
  });

  it('imports the readable tokens and lists a broken one as skipped', async () => {
    const input = prefs(
      `<string name="X:y">${token({ secret: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] })}</string>` +
        `<string name="X:z">${token({ secret: 'oops' })}</string>` +
        `<string name="X:h">${token({ type: 'HOTP', counter: 41, secret: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] })}</string>` +
        '<string name="tokenOrder">[]</string>',
    );
    expect(freeOtpImporter.detect(input)).toEqual({ confidence: 2, encrypted: false });
    const result = await freeOtpImporter.read(input);
    // FreeOTP 1.x stored 41 for a link whose counter was 42: the link's counter is imported.
    expect(result.entries.map((e) => [e.account.type, e.account.counter])).toEqual([
      ['totp', 0],
      ['hotp', 42],
    ]);
    expect(result.skipped).toEqual([
      { label: 'X:z', reason: 'It is not a FreeOTP token with its secret as a list of bytes.' },
    ]);
  });
});
