// The AppController end to end on the real vault (cheap KDF), the real OTP engine, importers and
// duplicate detection, with fakes for the clipboard, clock, keychain, dialogs and scanner.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScanResult, Settings } from '../../../preload/contract';
import { AppController } from '../../../main/app/controller';
import type { AppControllerDeps } from '../../../main/app/controller';
import { ClipboardGuard } from '../../../main/app/clipboard-guard';
import { DEFAULT_SETTINGS } from '../../../main/app/settings';
import { CaptureError } from '../../../main/app/ports/capture';
import { RegionRequest } from '../../../main/app/region-request';
import { codeFor } from '../../../main/otp';
import { SafeStorageKeychain } from '../../../main/platform/keychain';
import { FakeActiveWindow } from '../../fakes/active-window';
import { FakeClipboard } from '../../fakes/clipboard';
import { FakeKeyTyper } from '../../fakes/key-typer';
import { FakeNotifier } from '../../fakes/notifier';
import { FakeClock } from '../../fakes/clock';
import { FakeSafeStorage } from '../../fakes/safe-storage';
import { testdataPath } from '../../support/testdata';

const T0 = Date.UTC(2026, 10, 28, 12, 0, 10);
const GITHUB = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
const BANK =
  'otpauth://hotp/Bank:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Bank&counter=0';
const SECRETS = ['JBSWY3DPEHPK3PXP', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'];

const defaults: Settings = { ...DEFAULT_SETTINGS, autoLockMinutes: 0 };

async function setup(
  options: {
    backend?: 'gnome_libsecret' | 'basic_text';
    pick?: { fileName: string; bytes: Uint8Array };
    keyFile?: { fileName: string; bytes: Uint8Array };
  } = {},
) {
  const dir = await mkdtemp(join(tmpdir(), 'trayotp-controller-'));
  const clock = new FakeClock(T0);
  const clipboard = new FakeClipboard();
  const safeStorage = new FakeSafeStorage({ backend: options.backend ?? 'gnome_libsecret' });
  let settings = { ...defaults };
  const scannerTexts: string[] = [];
  const hidden: number[] = [];
  const typer = new FakeKeyTyper(() => clock.now());
  const activeWindow = new FakeActiveWindow('Sign in to GitHub · GitHub — Mozilla Firefox');
  const shown: [string, string | undefined][] = [];
  let saved = new Map<string, string>();
  const deps: AppControllerDeps = {
    vaultPath: join(dir, 'vault.trayotp'),
    clock,
    keychain: new SafeStorageKeychain(safeStorage, () => true, 'linux'),
    clipboard: new ClipboardGuard({
      clipboard,
      clock,
      clearAfterSeconds: () => settings.clipboardClearSeconds,
    }),
    dialogs: {
      pickKeyFile: async () => options.keyFile,
      pickImportFile: async () => options.pick,
      pickImage: async () => undefined,
      pickSavePath: async (name) => join(dir, name),
    },
    scanner: {
      scanScreen: async () => scannerTexts,
      scanRegion: async () => undefined,
      scanImage: async () => [],
      scanClipboardImage: async () => undefined,
    },
    settings: {
      get: () => settings,
      set: (patch) => (settings = { ...settings, ...patch }),
    },
    window: { hide: () => hidden.push(clock.now()) },
    typing: { typer, activeWindow, notifier: new FakeNotifier() },
    show: (view, accountId) => shown.push([view, accountId]),
    checkHotkey: () => ({ available: true, conflict: null }),
    hotkeyStatus: () => [],
    region: new RegionRequest(),
    choices: { load: () => new Map(saved), save: (choices) => (saved = new Map(choices)) },
    kdf: {
      kdf: { name: 'argon2id', memoryKiB: 8, iterations: 1, parallelism: 1 },
      allowWeakKdf: true,
    },
  };
  const payloads: unknown[] = [];
  const controller = new AppController(deps);
  controller.onEvent((event, payload) => payloads.push({ event, payload }));
  return {
    controller,
    clock,
    clipboard,
    scannerTexts,
    hidden,
    typer,
    activeWindow,
    shown,
    payloads,
    dir,
    deps,
    /** What the choice store last saved. */
    saved: () => saved,
  };
}

function ok<T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

describe('AppController', () => {
  it('first run: no vault, then a keychain-protected vault that adds, shows and copies codes', async () => {
    const { controller, clipboard, clock, payloads } = await setup();
    expect(await controller.getState()).toMatchObject({
      vault: 'none',
      keychain: { available: true, weak: false, backend: 'gnome_libsecret' },
      accounts: [],
    });
    ok(await controller.createVault());
    const added = ok(await controller.addUri(GITHUB));
    expect(added.account).toMatchObject({ issuer: 'GitHub', name: 'alice', type: 'totp' });

    const [code] = controller.codes();
    const expected = codeFor(
      {
        type: 'totp',
        issuer: 'GitHub',
        name: 'alice',
        secret: SECRETS[0]!,
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
      },
      T0 / 1000,
    );
    expect(code).toMatchObject({ id: added.account.id, code: expected, next: null });
    expect(code!.validUntil! - code!.validFrom).toBe(30_000);

    expect(ok(await controller.copyCode(added.account.id))).toEqual({ clearsInSeconds: 20 });
    expect(clipboard.text).toBe(expected);
    await clock.advance(20_000);
    expect(clipboard.text).toBe('');

    // In the last 5 seconds the next code comes along.
    const late = controller.codes(T0 + 16_000)[0]!;
    expect(late.next).toBe(
      codeFor(
        {
          type: 'totp',
          issuer: '',
          name: '',
          secret: SECRETS[0]!,
          algorithm: 'SHA1',
          digits: 6,
          period: 30,
          counter: 0,
        },
        T0 / 1000 + 30,
      ),
    );
    expect(JSON.stringify(payloads)).not.toMatch(new RegExp(SECRETS.join('|')));
  });

  it('HOTP: a code is revealed (and the counter saved) only on request; New code advances', async () => {
    const { controller, clipboard } = await setup();
    ok(await controller.createVault());
    const { account } = ok(await controller.addUri(BANK));
    expect(controller.codes()).toEqual([]);
    const first = ok(await controller.nextHotp(account.id));
    expect(first.code).toBe('755224'); // RFC 4226 counter 0
    expect(ok(await controller.nextHotp(account.id)).code).toBe('287082'); // "New code": counter 1
    ok(await controller.copyCode(account.id));
    expect(clipboard.text).toBe('287082'); // copying takes the code on screen
    expect(controller.codes()[0]!.code).toBe('287082');
  });

  it('add by hand reports the field that is wrong; duplicates are refused', async () => {
    const { controller } = await setup();
    ok(await controller.createVault());
    const form = {
      type: 'totp' as const,
      issuer: 'X',
      name: 'y',
      secret: 'JBSW1',
      algorithm: 'SHA1' as const,
      digits: 6,
      period: 30,
      counter: 0,
    };
    await expect(controller.addManual(form)).rejects.toMatchObject({
      code: 'invalid-secret',
      fields: {
        secret:
          'The secret can only contain the letters A–Z and the digits 2–7; “1” is not one of them. Is it the letter I or L?',
      },
    });
    await expect(
      controller.addManual({ ...form, secret: 'JBSWY3DPEHPK3PXP', digits: 12 }),
    ).rejects.toMatchObject({
      fields: { digits: expect.stringMatching(/6 to 10/) },
    });
    await expect(
      controller.addManual({ ...form, secret: 'JBSWY3DPEHPK3PXP', issuer: '', name: ' ' }),
    ).rejects.toMatchObject({
      code: 'missing-label',
    });
    ok(await controller.addManual({ ...form, secret: 'jbsw y3dp ehpk 3pxp' }));
    await expect(controller.addUri(GITHUB)).rejects.toMatchObject({ code: 'duplicate' });
  });

  it('edit, delete with undo, reorder, pinned first', async () => {
    const { controller, clock } = await setup();
    ok(await controller.createVault());
    const a = ok(await controller.addUri(GITHUB)).account;
    const b = ok(await controller.addUri(BANK)).account;
    ok(await controller.updateAccount(b.id, { pinned: true, tags: [' work ', 'work', ''] }));
    expect((await controller.getState()).accounts.map((x) => [x.issuer, x.pinned, x.tags])).toEqual(
      [
        ['Bank', true, ['work']],
        ['GitHub', false, []],
      ],
    );
    const { undoToken } = ok(await controller.removeAccount(a.id));
    expect((await controller.getState()).accounts).toHaveLength(1);
    ok(await controller.undoRemove(undoToken));
    expect((await controller.getState()).accounts.map((x) => x.id)).toContain(a.id);
    const { undoToken: late } = ok(await controller.removeAccount(a.id));
    await clock.advance(10_001);
    await expect(controller.undoRemove(late)).rejects.toMatchObject({ code: 'undo-expired' });
  });

  it('lock hides accounts, clears our code from the clipboard; the keychain unlocks again', async () => {
    const { controller, clipboard } = await setup();
    ok(await controller.createVault());
    const { account } = ok(await controller.addUri(GITHUB));
    ok(await controller.copyCode(account.id));
    ok(await controller.lock());
    expect(clipboard.text).toBe('');
    expect(await controller.getState()).toMatchObject({ vault: 'locked', accounts: [] });
    expect(controller.codes()).toEqual([]);
    await expect(controller.copyCode(account.id)).rejects.toMatchObject({ code: 'locked' });
    ok(await controller.unlock());
    expect((await controller.getState()).accounts).toHaveLength(1);
  });

  it('a keychain that protects nothing (basic_text) requires a passphrase', async () => {
    const { controller } = await setup({ backend: 'basic_text' });
    expect(await controller.getState()).toMatchObject({
      keychain: { weak: true },
      passphraseRequired: true,
    });
    await expect(controller.createVault()).rejects.toMatchObject({ code: 'passphrase-required' });
    ok(await controller.createVault('correct horse battery staple'));
    ok(await controller.lock());
    await expect(controller.unlock('wrong')).rejects.toMatchObject({ code: 'wrong-passphrase' });
    ok(await controller.unlock('correct horse battery staple'));
  });

  it('a scan asked for while locked runs after the unlock, if that comes within two minutes', async () => {
    const { controller, scannerTexts, shown, clock, payloads, deps } = await setup();
    ok(await controller.createVault());
    ok(await controller.lock());
    scannerTexts.push(GITHUB);
    const scanned = () => payloads.filter((p) => (p as { event: string }).event === 'scanned');
    expect(await controller.scanFromShortcut('screen')).toBe('locked');
    expect(shown.at(-1)).toEqual(['codes', undefined]);
    await clock.advance(30_000);
    ok(await controller.unlock());
    await clock.advance(1000);
    expect(scanned()).toHaveLength(1);
    expect(shown.at(-1)).toEqual(['add', undefined]);

    // Asked, then unlocked three minutes later: the moment has passed.
    ok(await controller.lock());
    expect(await controller.scanFromShortcut('screen')).toBe('locked');
    await clock.advance(3 * 60_000);
    ok(await controller.unlock());
    await clock.advance(1000);
    expect(scanned()).toHaveLength(1);

    // A resumed scan that fails with a bug (not a capture error) is logged, not lost.
    const logged: string[] = [];
    deps.logError = (message) => logged.push(message);
    deps.scanner.scanScreen = async () => {
      throw new TypeError('frame.data is undefined');
    };
    ok(await controller.lock());
    expect(await controller.scanFromShortcut('screen')).toBe('locked');
    ok(await controller.unlock());
    await clock.advance(1000);
    expect(logged).toEqual(['the scan asked for before the unlock']);
  });

  it('removes the passphrase only with the current one and a real keychain; the vault then unlocks alone', async () => {
    const { controller, deps } = await setup();
    const PASS = 'correct horse battery staple';
    ok(await controller.createVault(PASS));
    expect(await controller.getState()).toMatchObject({ passphraseRequired: true });
    const vaultPath = deps.vaultPath;
    const before = await readFile(vaultPath);
    await expect(controller.changePassphrase(undefined, null)).rejects.toMatchObject({
      code: 'passphrase-required',
    });
    await expect(controller.changePassphrase('wrong', null)).rejects.toMatchObject({
      code: 'wrong-passphrase',
    });
    expect(await readFile(vaultPath)).toEqual(before);
    ok(await controller.changePassphrase(PASS, null));
    expect(await controller.getState()).toMatchObject({ passphraseRequired: false });
    ok(await controller.lock());
    ok(await controller.unlock());
    expect(await controller.getState()).toMatchObject({ vault: 'unlocked' });

    // With only basic_text to fall back on, the passphrase stays.
    const weak = await setup({ backend: 'basic_text' });
    ok(await weak.controller.createVault(PASS));
    await expect(weak.controller.changePassphrase(PASS, null)).rejects.toMatchObject({
      code: 'keychain-unavailable',
    });
  });

  it('changes the passphrase only with the current one (issue 13: an unlocked machine cannot be re-keyed)', async () => {
    const { controller, deps } = await setup();
    const PASS = 'correct horse battery staple';
    ok(await controller.createVault(PASS));
    const before = await readFile(deps.vaultPath);
    await expect(controller.changePassphrase(undefined, 'a new passphrase')).rejects.toMatchObject({
      code: 'passphrase-required',
    });
    await expect(controller.changePassphrase('wrong', 'a new passphrase')).rejects.toMatchObject({
      code: 'wrong-passphrase',
    });
    expect(await readFile(deps.vaultPath)).toEqual(before);
    ok(await controller.changePassphrase(PASS, 'a new passphrase'));
    ok(await controller.lock());
    await expect(controller.unlock(PASS)).rejects.toMatchObject({ code: 'wrong-passphrase' });
    ok(await controller.unlock('a new passphrase'));
  });

  it('scans: otpauth candidates by id, decoys counted, migration batches, nothing secret in the view', async () => {
    const { controller, scannerTexts } = await setup();
    ok(await controller.createVault());
    scannerTexts.push('https://apps.apple.com/app/id1', GITHUB, 'WIFI:S:home;T:WPA;P:pw;;', GITHUB);
    const scan = ok(await controller.scanScreen());
    expect(scan.otherCodes).toBe(2);
    expect(scan.candidates).toEqual([
      {
        id: expect.any(String),
        kind: 'account',
        issuer: 'GitHub',
        name: 'alice',
        type: 'totp',
        count: 1,
        duplicateOf: null,
      },
    ]);
    expect(JSON.stringify(scan)).not.toMatch(new RegExp(SECRETS.join('|')));
    const { added } = ok(await controller.addScanned(scan.scanId, [scan.candidates[0]!.id]));
    expect(added[0]).toMatchObject({ issuer: 'GitHub' });
    await expect(
      controller.addScanned(scan.scanId, [scan.candidates[0]!.id]),
    ).rejects.toMatchObject({ code: 'scan-expired' });
  });

  it('scan from the tray or hotkey: captured with the window out of the way, then shown', async () => {
    const { controller, deps, scannerTexts, shown, hidden, clock, payloads } = await setup();
    expect(await controller.scanFromShortcut('screen')).toBe('locked');
    expect(shown.at(-1)).toEqual(['codes', undefined]);

    ok(await controller.createVault());
    let visible = true;
    let capturedWhileVisible: boolean | undefined;
    deps.window.isVisible = () => visible;
    deps.window.hide = () => {
      hidden.push(clock.now());
      visible = false;
    };
    deps.scanner.scanScreen = async () => {
      capturedWhileVisible = visible;
      return scannerTexts;
    };
    scannerTexts.push(GITHUB, 'https://apps.apple.com/app/id1');
    const started = controller.scanFromShortcut('screen');
    await clock.advance(1000);
    expect(await started).toBe('shown');
    expect(capturedWhileVisible).toBe(false);
    expect(shown.at(-1)).toEqual(['add', undefined]);
    const pushed = payloads.at(-1) as { event: string; payload: { ok: true; value: ScanResult } };
    expect(pushed.event).toBe('scanned');
    expect(pushed.payload.value).toMatchObject({
      otherCodes: 1,
      candidates: [{ issuer: 'GitHub', name: 'alice' }],
    });
    // The pushed result is a scan session like the window's own scans.
    const { scanId, candidates } = pushed.payload.value;
    expect(ok(await controller.addScanned(scanId, [candidates[0]!.id])).added).toHaveLength(1);

    // Nothing captured: the window opens on the reason, not on silence.
    deps.scanner.scanScreen = async () => {
      throw new CaptureError('permission-denied', 'Allow screen recording for TrayOTP.');
    };
    expect(await controller.scanFromShortcut('screen')).toBe('shown');
    expect(payloads.at(-1)).toEqual({
      event: 'scanned',
      payload: {
        ok: false,
        error: { code: 'permission-denied', message: 'Allow screen recording for TrayOTP.' },
      },
    });
    // A region selection the person cancels opens nothing.
    const count = shown.length;
    expect(await controller.scanFromShortcut('region')).toBe('cancelled');
    expect(shown.length).toBe(count);
  });

  it('imports a file after a preview: duplicates default to skip, one write', async () => {
    const bytes = await readFile(testdataPath('interop/aegis/aegis_plain.json'));
    const { controller } = await setup({ pick: { fileName: 'aegis_plain.json', bytes } });
    ok(await controller.createVault());
    const picked = ok(await controller.importPickFile())!;
    expect(picked).toMatchObject({ formatLabel: 'Aegis', encrypted: false });
    const preview = ok(await controller.importPreview(picked.importId));
    expect(preview.entries.length).toBe(7);
    const result = ok(await controller.importConfirm(picked.importId, []));
    expect(result).toEqual({ added: 7, replaced: 0, skipped: 0 });
    // Importing the same file again finds only duplicates.
    const again = ok(await controller.importPickFile())!;
    const second = ok(await controller.importPreview(again.importId));
    expect(second.entries.every((entry) => entry.duplicateOf !== null)).toBe(true);
    expect(ok(await controller.importConfirm(again.importId, []))).toEqual({
      added: 0,
      replaced: 0,
      skipped: 7,
    });
    expect(JSON.stringify(preview)).not.toMatch(/"secret"/);
  });
  it('exports: otpauth needs the acknowledgement, encrypted kinds a passphrase; files re-import', async () => {
    const { controller, dir } = await setup();
    ok(await controller.createVault());
    ok(await controller.addUri(GITHUB));
    await expect(controller.exportVault('otpauth', {})).rejects.toMatchObject({
      code: 'unencrypted-export',
    });
    await expect(controller.exportVault('trayotp', {})).rejects.toMatchObject({
      code: 'passphrase-required',
    });
    const plain = ok(await controller.exportVault('otpauth', { acknowledgeUnencrypted: true }))!;
    expect(plain.path).toBe(join(dir, 'otpauth-links.txt'));
    expect(await readFile(plain.path, 'utf8')).toContain(
      'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP',
    );
    const backup = ok(await controller.exportVault('trayotp', { passphrase: 'backup pass' }))!;
    const { importFile } = await import('../../../main/importers');
    const reread = await importFile(
      { fileName: 'x', bytes: await readFile(backup.path) },
      { password: 'backup pass' },
    );
    expect(reread.entries.map((e) => e.account.issuer)).toEqual(['GitHub']);
    // Never over an existing file.
    await expect(
      controller.exportVault('otpauth', { acknowledgeUnencrypted: true }),
    ).rejects.toThrow(/already exists/);
  });

  it('regionSelect settles the open selection; a stray one is refused', async () => {
    const { controller, deps } = await setup();
    await expect(
      controller.regionSelect({ displayId: '1', x: 0, y: 0, width: 5, height: 5 }),
    ).rejects.toMatchObject({
      code: 'no-region-selection',
    });
    const waiting = deps.region.wait();
    ok(await controller.regionSelect({ displayId: '2', x: 10, y: 20, width: 30, height: 40 }));
    expect(await waiting).toEqual({ displayId: '2', box: { x: 10, y: 20, width: 30, height: 40 } });
    const cancelled = deps.region.wait();
    ok(await controller.regionCancel());
    expect(await cancelled).toBeUndefined();
  });

  it('the type-code hotkey types the account of the focused window, else opens the picker and remembers', async () => {
    const { controller, typer, activeWindow, shown, clock, saved, deps, hidden } = await setup();
    expect(await controller.typeCurrentCode()).toBe('locked');
    ok(await controller.createVault());
    expect(await controller.typeCurrentCode()).toBe('no-accounts');
    const github = ok(await controller.addUri(GITHUB)).account;
    ok(
      await controller.addUri('otpauth://totp/GitLab:alice?secret=KRSXG5CTMVRXEZLU&issuer=GitLab'),
    );
    expect(await controller.typeCurrentCode()).toBe('typed');
    expect(typer.typed.map((t) => t.text)).toEqual([
      controller.codes(clock.now()).find((c) => c.id === github.id)!.code,
    ]);
    activeWindow.current = 'Log in — Mozilla Firefox';
    expect(await controller.typeCurrentCode()).toBe('picker');
    expect(shown.at(-1)![0]).toBe('picker');
    // Picked in the (showing) picker: the window goes first, and the keys follow once it is gone.
    let visible = true;
    deps.window.isVisible = () => visible;
    deps.window.hide = () => {
      hidden.push(clock.now());
      visible = false;
    };
    const picked = controller.typeCode(github.id);
    await clock.advance(1000);
    ok(await picked);
    expect(typer.typed.at(-1)!.at - hidden.at(-1)!).toBe(150);
    // Picked once for this title: the next press types it straight away, after a restart too.
    expect(await controller.typeCurrentCode()).toBe('typed');
    expect(typer.typed).toHaveLength(3);
    expect([...saved()]).toEqual([[expect.stringContaining('log in'), github.id]]);
  });

  it('a damaged vault file: the state says so and offers the backups; restoring one opens it', async () => {
    const { controller, deps } = await setup();
    ok(await controller.createVault());
    ok(await controller.addUri(GITHUB));
    ok(await controller.addUri(BANK));
    ok(await controller.lock());
    const { writeFile: write, readFile: read } = await import('node:fs/promises');
    const bytes = await read(deps.vaultPath);
    bytes[bytes.length - 3]! ^= 0xff;
    await write(deps.vaultPath, bytes);
    // A fresh start of the app on the damaged file.
    const restarted = new AppController(deps);
    await expect(restarted.unlock()).rejects.toMatchObject({ code: 'body-authentication' });
    const state = await restarted.getState();
    expect(state.vault).toBe('damaged');
    expect(state.damage!.message).toMatch(/^Vault integrity check failed/);
    const newest = state.damage!.backups[0]!;
    expect(state.damage!.backups.map((b) => b.revision)).toEqual([2, 1, 0]);
    const restored = ok(await restarted.restoreBackup(newest.revision));
    expect(restored.keptAs).toMatch(/vault\.trayotp\.damaged-/);
    expect((await restarted.getState()).vault).toBe('locked');
    ok(await restarted.unlock());
    expect((await restarted.getState()).accounts.map((a) => a.issuer).sort()).toEqual([
      'Bank',
      'GitHub',
    ]);
    await expect(restarted.restoreBackup(newest.revision)).rejects.toMatchObject({
      code: 'vault-unlocked',
    });
  });
});
