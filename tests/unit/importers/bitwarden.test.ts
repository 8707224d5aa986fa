// Bitwarden exports: the Aegis project's JSON and CSV test files, and password-protected JSON
// exports written here the way Bitwarden writes them (bitwarden/clients
// BaseVaultExportService.buildPasswordExport: KDF, HKDF-stretched key, EncString type 2), with
// PBKDF2 and with Argon2id, since no such sample file exists in the test data.
import { createCipheriv, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { detectFormat, importFile } from '../../../main/importers';
import type { ImportError, ImportProgress } from '../../../main/importers';
import { importArgon2Thread } from '../../../main/importers/crypto/kdf';
import { bitwardenKey } from '../../../main/importers/crypto/bitwarden';
import type { BitwardenKdf, StretchedKey } from '../../../main/importers/crypto/bitwarden';
import { describeInterop, importError } from './interop-harness';

describeInterop({ set: 'aegis', format: 'bitwarden', files: ['bitwarden.json', 'bitwarden.csv'] });

function encString(plain: string, key: StretchedKey): string {
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', key.encKey, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const mac = createHmac('sha256', key.macKey)
    .update(Buffer.concat([iv, data]))
    .digest();
  return `2.${iv.toString('base64')}|${data.toString('base64')}|${mac.toString('base64')}`;
}

async function passwordProtected(plain: object, password: string, kdf: BitwardenKdf) {
  const salt = randomBytes(16).toString('base64');
  const key = await bitwardenKey(password, salt, kdf);
  const file = {
    encrypted: true,
    passwordProtected: true,
    salt,
    kdfType: kdf.type,
    kdfIterations: kdf.iterations,
    kdfMemory: kdf.memory,
    kdfParallelism: kdf.parallelism,
    encKeyValidation_DO_NOT_EDIT: encString('6b5a4f5c-8b0e-4b1a-9b1e-3f0c2d1e0a9b', key),
    data: encString(JSON.stringify(plain), key),
  };
  return {
    fileName: 'bitwarden_export.json',
    bytes: new TextEncoder().encode(JSON.stringify(file)),
  };
}

const vault = {
  encrypted: false,
  folders: [{ id: 'f1', name: 'Work' }],
  items: [
    {
      type: 1,
      name: 'GitHub',
      folderId: 'f1',
      login: {
        username: 'alice',
        totp: 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub',
      },
    },
    {
      type: 1,
      name: 'Mail',
      folderId: null,
      login: { username: 'bob@example.com', totp: 'jbsw y3dp ehpk 3pxp' },
    },
    {
      type: 1,
      name: 'Steam',
      login: { username: 'gamer', totp: 'steam://JRZCL47CMXVOQMNPZR2F7J4RGI' },
    },
    { type: 1, name: 'No 2FA', login: { username: 'carol', totp: null } },
    {
      type: 1,
      name: 'Shop',
      login: {
        username: 'dave',
        totp: 'otpauth://totp/?secret=KUVJJOM753IHTNDSZVCNKL7GII&digits=8',
      },
    },
    { type: 2, name: 'A secure note' },
  ],
};
const summary = (result: Awaited<ReturnType<typeof importFile>>) =>
  result.entries.map((e) => [
    e.account.type,
    e.account.issuer,
    e.account.name,
    e.account.secret,
    e.groups,
  ]);
const expected = [
  ['totp', 'GitHub', 'alice', 'JBSWY3DPEHPK3PXP', ['Work']],
  ['totp', 'Mail', 'bob@example.com', 'JBSWY3DPEHPK3PXP', undefined],
  ['steam', 'Steam', 'gamer', 'JRZCL47CMXVOQMNPZR2F7J4RGI', undefined],
  ['totp', 'Shop', 'dave', 'KUVJJOM753IHTNDSZVCNKL7GII', undefined],
];

describe('Bitwarden exports written here', () => {
  it('reads a plain JSON export: folders, bare secrets, Steam, logins without TOTP left out', async () => {
    const result = await importFile({
      fileName: 'b.json',
      bytes: new TextEncoder().encode(JSON.stringify(vault)),
    });
    expect(summary(result)).toEqual(expected);
    expect(result.skipped).toEqual([]);
  });

  it.each<[string, BitwardenKdf]>([
    ['PBKDF2-SHA256', { type: 0, iterations: 5000 }],
    ['Argon2id', { type: 1, iterations: 2, memory: 16, parallelism: 2 }],
  ])(
    'reads a password-protected export (%s) and refuses a wrong or missing password',
    async (_kdf, kdf) => {
      const input = await passwordProtected(vault, 'correct horse', kdf);
      expect(detectFormat(input)).toMatchObject({ encrypted: true });
      expect(summary(await importFile(input, { password: 'correct horse' }))).toEqual(expected);
      expect((await importError(input, { password: 'battery staple' })).code).toBe(
        'wrong-password',
      );
      expect((await importError(input)).code).toBe('password-required');
    },
  );

  it.each([
    [
      { encrypted: true, encKeyValidation_DO_NOT_EDIT: '2.x|y|z', items: [] },
      'unsupported',
      'This Bitwarden export is encrypted with your account key, which only Bitwarden has. Export again choosing "Password protected".',
    ],
    [
      {
        encrypted: true,
        passwordProtected: true,
        salt: 's',
        kdfType: 0,
        kdfIterations: 100,
        encKeyValidation_DO_NOT_EDIT: '2.a|b|c',
        data: '2.a|b|c',
      },
      'unsupported',
      "This Bitwarden export's key derivation settings (100 iterations) are outside what TrayOTP accepts.",
    ],
    [
      {
        encrypted: true,
        passwordProtected: true,
        salt: 's',
        kdfType: 7,
        kdfIterations: 5000,
        encKeyValidation_DO_NOT_EDIT: '2.a|b|c',
        data: '2.a|b|c',
      },
      'unsupported',
      'This Bitwarden export uses key derivation type 7; TrayOTP knows PBKDF2 (0) and Argon2id (1).',
    ],
    [
      { encrypted: true, passwordProtected: true, data: '2.a|b|c' },
      'damaged',
      'This Bitwarden export is damaged: its salt or data is missing.',
    ],
  ])('refuses %j', async (file, code, message) => {
    const error = await importError(
      { fileName: 'b.json', bytes: new TextEncoder().encode(JSON.stringify(file)) },
      { password: 'pw' },
    );
    expect([error.code, error.message]).toEqual([code, message]);
  });

  it('reads CSV with quoted fields, folders and a bad secret skipped with the reason', async () => {
    const csv = [
      'folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp',
      'Work,,login,"GitHub, Inc.","multi\nline note",,0,https://github.com,alice,pw,"otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub"',
      ',,login,Broken,,,0,,bob,pw,not*base32',
      ',,login,Plain,,,0,,carol,pw,',
    ].join('\r\n');
    const result = await importFile({
      fileName: 'export.csv',
      bytes: new TextEncoder().encode(csv),
    });
    expect(result.format).toBe('bitwarden');
    expect(summary(result)).toEqual([['totp', 'GitHub', 'alice', 'JBSWY3DPEHPK3PXP', ['Work']]]);
    expect(result.skipped).toEqual([
      { label: 'Broken: bob', reason: 'The secret is not base32: "*" is not one of A–Z, 2–7.' },
    ]);
  });
});

describe('Bitwarden key settings: cost bounds, progress, cancel', () => {
  /** A password-protected export claiming these settings (refused before any derivation). */
  const claiming = (kdf: object) => ({
    fileName: 'b.json',
    bytes: new TextEncoder().encode(
      JSON.stringify({
        encrypted: true,
        passwordProtected: true,
        salt: 's',
        encKeyValidation_DO_NOT_EDIT: '2.AAAA|AAAA|AAAA',
        data: '2.AAAA|AAAA|AAAA',
        ...kdf,
      }),
    ),
  });

  it.each([
    [
      'Argon2id with 10 million iterations (issue 13)',
      { kdfType: 1, kdfIterations: 10_000_000, kdfMemory: 64, kdfParallelism: 4 },
      'too-costly',
      "This Bitwarden export asks for Argon2id with 64 MiB of memory × 10000000 passes × 4 lanes (610.4 TiB·passes of work). TrayOTP refuses more than 10 GiB·passes (the most Bitwarden's own settings allow: 1 GiB × 10 passes)",
    ],
    [
      'Argon2id with 1 GiB × 11 passes',
      { kdfType: 1, kdfIterations: 11, kdfMemory: 1024, kdfParallelism: 4 },
      'too-costly',
      'Argon2id with 1 GiB of memory × 11 passes × 4 lanes (11 GiB·passes of work). TrayOTP refuses more than 10 GiB·passes',
    ],
    [
      'Argon2id with 2 GiB',
      { kdfType: 1, kdfIterations: 2, kdfMemory: 2048, kdfParallelism: 1 },
      'too-costly',
      "TrayOTP refuses more than 1 GiB of memory (the most Bitwarden's own settings allow)",
    ],
    [
      'Argon2id with 17 lanes',
      { kdfType: 1, kdfIterations: 3, kdfMemory: 64, kdfParallelism: 17 },
      'too-costly',
      "TrayOTP refuses more than 16 lanes (the most Bitwarden's own settings allow)",
    ],
    [
      'Argon2id with no lanes',
      { kdfType: 1, kdfIterations: 3, kdfMemory: 64, kdfParallelism: 0 },
      'damaged',
      'This Bitwarden export is damaged: its Argon2id settings (3 iterations, 64 MiB, parallelism 0) are not valid.',
    ],
    [
      'PBKDF2 with 10 million iterations',
      { kdfType: 0, kdfIterations: 10_000_000 },
      'too-costly',
      "This Bitwarden export asks for PBKDF2-SHA256 with 10,000,000 iterations. TrayOTP refuses more than 2,000,000 (the most Bitwarden's own settings allow)",
    ],
  ])('refuses %s before deriving anything', async (_what, kdf, code, says) => {
    const started = performance.now();
    const error = await importError(claiming(kdf), { password: 'pw' });
    expect(error.code).toBe(code);
    expect(error.message).toContain(says);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('reports progress: the key, the data, the entries, then done', async () => {
    const input = await passwordProtected(vault, 'pw', { type: 0, iterations: 5000 });
    const seen: ImportProgress[] = [];
    await importFile(input, { password: 'pw' }, { onProgress: (p) => seen.push(p) });
    expect(seen).toEqual([
      { fraction: 0, stage: 'deriving-key' },
      { fraction: 1 / 3, stage: 'decrypting' },
      { fraction: 2 / 3, stage: 'reading-entries' },
      { fraction: 1, stage: 'done' },
    ]);
  });

  it('cancel stops an Argon2id derivation: the import ends "cancelled" at once', async () => {
    const input = await passwordProtected(vault, 'pw', { type: 1, iterations: 2, memory: 16 });
    const file = JSON.parse(new TextDecoder().decode(input.bytes));
    const costly = {
      ...input,
      bytes: new TextEncoder().encode(
        JSON.stringify({ ...file, kdfMemory: 1024, kdfIterations: 4 }),
      ),
    };
    const controller = new AbortController();
    const importing = importFile(costly, { password: 'pw' }, { signal: controller.signal }).then(
      () => undefined,
      (error: ImportError) => error,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = performance.now();
    controller.abort();
    const error = await importing;
    expect(error?.code).toBe('cancelled');
    expect(performance.now() - started).toBeLessThan(200);
    await until(() => importArgon2Thread.liveWorkers === 0);
  });
});

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
