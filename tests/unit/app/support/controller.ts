// An AppController on a real vault in a temp folder (cheap KDF), with fakes for what only an OS
// provides; for the controller tests that need to see what reaches the person (notifications,
// state events) rather than the whole of controller.test.ts's setup.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppState, EventName, Settings } from '../../../../preload/contract';
import { AppController } from '../../../../main/app/controller';
import type { AppControllerDeps } from '../../../../main/app/controller';
import { ClipboardGuard } from '../../../../main/app/clipboard-guard';
import { RegionRequest } from '../../../../main/app/region-request';
import { DEFAULT_SETTINGS } from '../../../../main/app/settings';
import { SafeStorageKeychain } from '../../../../main/platform/keychain';
import { FakeActiveWindow } from '../../../fakes/active-window';
import { FakeClipboard } from '../../../fakes/clipboard';
import { FakeClock } from '../../../fakes/clock';
import { FakeKeyTyper } from '../../../fakes/key-typer';
import { FakeNotifier } from '../../../fakes/notifier';
import { FakeSafeStorage } from '../../../fakes/safe-storage';

export const T0 = Date.UTC(2026, 10, 28, 12, 0, 10);

export const CHEAP_KDF = {
  kdf: { name: 'argon2id', memoryKiB: 8, iterations: 1, parallelism: 1 },
  allowWeakKdf: true,
} as const;

export async function controllerSetup(
  options: {
    pick?: { fileName: string; bytes: Uint8Array };
    keyFile?: { fileName: string; bytes: Uint8Array };
    dir?: string;
  } = {},
) {
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'trayotp-controller-')));
  const clock = new FakeClock(T0);
  const notifier = new FakeNotifier();
  const clipboard = new FakeClipboard();
  const logged: [string, unknown][] = [];
  let settings: Settings = { ...DEFAULT_SETTINGS, autoLockMinutes: 0 };
  const deps: AppControllerDeps = {
    vaultPath: join(dir, 'vault.trayotp'),
    clock,
    keychain: new SafeStorageKeychain(
      new FakeSafeStorage({ backend: 'gnome_libsecret' }),
      () => true,
      'linux',
    ),
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
      scanScreen: async () => [],
      scanRegion: async () => undefined,
      scanImage: async () => [],
      scanClipboardImage: async () => undefined,
    },
    settings: { get: () => settings, set: (patch) => (settings = { ...settings, ...patch }) },
    window: { hide: () => {} },
    typing: {
      typer: new FakeKeyTyper(() => clock.now()),
      activeWindow: new FakeActiveWindow(undefined),
      notifier,
    },
    show: () => {},
    checkHotkey: () => ({ available: true, conflict: null }),
    hotkeyStatus: () => [],
    region: new RegionRequest(),
    kdf: CHEAP_KDF,
    logError: (message, error) => logged.push([message, error]),
  };
  const controller = new AppController(deps);
  const events: { event: EventName; payload: unknown }[] = [];
  controller.onEvent((event, payload) => events.push({ event, payload }));
  const states = () => events.filter((e) => e.event === 'state').map((e) => e.payload as AppState);
  return { controller, clock, clipboard, notifier, logged, events, states, dir, deps };
}

export function ok<T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}
