// Proton Pass exports: the ZIP holding "Proton Pass/data.json", and that JSON alone. No real
// export is in the shared test data; these are written after Proton Pass's published format.
import { TextReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';
import { describe, expect, it } from 'vitest';
import { protonPassImporter } from '../../../main/importers/proton-pass';

const login = (name: string, totpUri: string, extra: Record<string, unknown> = {}) => ({
  itemId: name,
  state: 1,
  data: {
    type: 'login',
    metadata: { name, note: '', itemUuid: 'u' },
    content: { itemEmail: '', itemUsername: '', password: '', urls: [], totpUri },
    extraFields: [],
  },
  ...extra,
});

const exported = {
  version: '1.21.0',
  encrypted: false,
  vaults: {
    a: {
      name: 'Personal',
      items: [
        login('GitHub', 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub'),
        login('Forum', 'JBSWY3DPEHPK3PXP'),
        login('No 2FA', ''),
        login('Old', 'otpauth://totp/Old:x?secret=JBSWY3DPEHPK3PXP', { state: 2 }),
        {
          itemId: 'n',
          state: 1,
          data: { type: 'note', metadata: { name: 'A note' }, content: {} },
        },
      ],
    },
    b: {
      name: 'Work',
      items: [
        {
          ...login('VPN', ''),
          data: {
            ...login('VPN', '').data,
            extraFields: [
              {
                fieldName: 'TOTP',
                type: 'totp',
                data: {
                  totpUri: 'otpauth://totp/VPN:bob?secret=KRSXG5CTMVRXEZLU&issuer=VPN&digits=8',
                },
              },
            ],
          },
        },
      ],
    },
  },
};

async function zip(files: Record<string, string>, password?: string): Promise<Uint8Array> {
  const writer = new ZipWriter(
    new Uint8ArrayWriter(),
    password ? { password, zipCrypto: true } : {},
  );
  for (const [name, text] of Object.entries(files)) await writer.add(name, new TextReader(text));
  return writer.close();
}

const summary = (result: Awaited<ReturnType<typeof protonPassImporter.read>>) =>
  result.entries.map((e) => [e.account.issuer, e.account.name, e.account.digits, e.groups]);

describe('proton pass importer', () => {
  const expected = [
    ['GitHub', 'GitHub', 6, ['Personal']],
    ['', 'Forum', 6, ['Personal']],
    ['VPN', 'VPN', 8, ['Work']],
  ];

  it('reads the ZIP export: login TOTPs and extra TOTP fields, vaults as groups, trash skipped', async () => {
    const input = {
      fileName: 'Proton Pass_export.zip',
      bytes: await zip({ 'Proton Pass/data.json': JSON.stringify(exported) }),
    };
    expect(protonPassImporter.detect(input)).toEqual({ confidence: 2, encrypted: false });
    const result = await protonPassImporter.read(input);
    expect(summary(result)).toEqual(expected);
    expect(result.skipped).toEqual([
      { label: 'Old', reason: "The login is in Proton Pass's trash." },
    ]);
  });

  it('reads data.json by itself', async () => {
    const input = {
      fileName: 'data.json',
      bytes: new TextEncoder().encode(JSON.stringify(exported)),
    };
    expect(protonPassImporter.detect(input)).toEqual({ confidence: 2, encrypted: false });
    expect(summary(await protonPassImporter.read(input))).toEqual(expected);
  });

  it('tells a missing from a wrong password on a password-protected ZIP', async () => {
    const bytes = await zip({ 'Proton Pass/data.json': JSON.stringify(exported) }, 'pw');
    const input = { fileName: 'export.zip', bytes };
    expect(protonPassImporter.detect(input)).toEqual({ confidence: 2, encrypted: true });
    await expect(protonPassImporter.read(input)).rejects.toMatchObject({
      code: 'password-required',
    });
    await expect(protonPassImporter.read(input, 'nope')).rejects.toMatchObject({
      code: 'wrong-password',
    });
  });

  it('calls a ZIP whose data.json is not JSON damaged', async () => {
    const input = {
      fileName: 'export.zip',
      bytes: await zip({ 'Proton Pass/data.json': '{oops' }),
    };
    await expect(protonPassImporter.read(input)).rejects.toMatchObject({
      code: 'damaged',
      message: "The Proton Pass export's Proton Pass/data.json is not JSON.",
    });
  });

  it.each([[{ vaults: { a: { name: 'x' } } }], [{ vaults: [] }], [{ items: [] }]])(
    'does not claim %j',
    (json) => {
      const input = { fileName: 'x.json', bytes: new TextEncoder().encode(JSON.stringify(json)) };
      expect(protonPassImporter.detect(input).confidence).toBe(0);
    },
  );
});
