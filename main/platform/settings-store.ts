// The SettingsStore port over electron-store. The Store class comes in as a factory (the real
// `new Store(options)` from main/index.ts, a file-backed fake in tests), so this module imports
// nothing from electron at run time.
// Never wipes silently: a file that is not JSON, or holds values this version cannot use, is
// first copied to `settings.json.invalid-<time>` and the problems are reported; only then are
// the defaults (or the usable part) used. electron-store's own clearInvalidConfig is switched on
// only after that copy exists.
import { constants } from 'node:fs';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Options as ElectronStoreOptions } from 'electron-store';
import type { SettingsStore } from '../app/ports/settings-store';
import { applySettingsPatch, invalidCopyPath, parseSettings } from '../app/shared/settings';
import type { Settings } from '../app/shared/settings';
import { RESTORE_TOKEN_KEY, isRestoreToken, readRestoreToken } from '../app/shared/restore-token';

/** The part of an electron-store instance this adapter uses. */
export interface StoreLike {
  store: Record<string, unknown>;
}

export type StoreFactory = (
  options: Pick<
    ElectronStoreOptions<Record<string, unknown>>,
    'name' | 'cwd' | 'clearInvalidConfig'
  >,
) => StoreLike;

export interface SettingsStoreOptions {
  /** The folder of settings.json: app.getPath('userData') in the app. */
  folder: string;
  now: () => number;
  /** Told once, at open, about everything that was not used (empty list: not called). */
  report: (problems: string[]) => void;
}

const NAME = 'settings';

export class ElectronSettingsStore implements SettingsStore {
  #settings: Settings;
  /** The desktop's approval to type (Wayland's restore token): in the file, not a setting. */
  #restoreToken: string | undefined;

  private constructor(
    private readonly store: StoreLike,
    settings: Settings,
    restoreToken: string | undefined,
  ) {
    this.#settings = settings;
    this.#restoreToken = restoreToken;
  }

  static open(factory: StoreFactory, options: SettingsStoreOptions): ElectronSettingsStore {
    const path = join(options.folder, `${NAME}.json`);
    const problems: string[] = [];
    let kept: string | undefined;
    const keep = () => (kept ??= keepCopy(path, options.now()));
    let store: StoreLike;
    let raw: unknown;
    try {
      store = factory({ name: NAME, cwd: options.folder, clearInvalidConfig: false });
      raw = store.store;
    } catch (error) {
      if ((error as Error).name !== 'SyntaxError') throw error;
      problems.push(`The settings file is not valid JSON; it is kept as ${keep()}.`);
      store = factory({ name: NAME, cwd: options.folder, clearInvalidConfig: true });
      raw = {};
    }
    const parsed = parseSettings(raw);
    parsed.problems.push(...tokenProblems(raw));
    if (parsed.problems.length > 0) {
      problems.push(...parsed.problems, `The settings file as it was is kept as ${keep()}.`);
    }
    if (problems.length > 0) options.report(problems);
    return new ElectronSettingsStore(store, parsed.settings, readRestoreToken(raw, []));
  }

  get(): Settings {
    return structuredClone(this.#settings);
  }

  set(patch: Partial<Settings>): Settings {
    const next = applySettingsPatch(this.#settings, patch);
    this.#write(next, this.#restoreToken);
    this.#settings = next;
    return this.get();
  }

  /** The desktop's kept approval to type (the RemoteDesktop portal's restore token). */
  restoreToken(): string | undefined {
    return this.#restoreToken;
  }

  /** Keeps a new approval, or drops it (undefined): refused, or Forget in Settings. */
  saveRestoreToken(token: string | undefined): void {
    const next = isRestoreToken(token) ? token : undefined;
    if (next === this.#restoreToken) return;
    this.#write(this.#settings, next);
    this.#restoreToken = next;
  }

  #write(settings: Settings, token: string | undefined): void {
    this.store.store = {
      ...(structuredClone(settings) as Record<string, unknown>),
      ...(token !== undefined && { [RESTORE_TOKEN_KEY]: token }),
    };
  }
}

function tokenProblems(raw: unknown): string[] {
  const problems: string[] = [];
  readRestoreToken(raw, problems);
  return problems;
}

function keepCopy(path: string, now: number): string {
  const copy = invalidCopyPath(path, now);
  copyFileSync(path, copy, constants.COPYFILE_EXCL);
  return copy;
}
