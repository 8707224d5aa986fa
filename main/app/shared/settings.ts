// Non-secret settings: their defaults and the rules for reading a settings file someone may have
// edited by hand or an older/newer TrayOTP wrote. The schema is the window's
// (preload/views/settings.ts), so the window, the store and the use cases agree on one definition.
// Reading never fails and never drops a value silently: a field that does not validate falls
// back to its default and is reported, and so is a field this version does not know.
import { z } from 'zod';
import { hotkeyAction, settings as settingsSchema } from '../../../preload/views/settings';
import type { Settings } from '../../../preload/views/settings';
import { RESTORE_TOKEN_KEY } from './restore-token';

export type { Settings };

export const DEFAULT_SETTINGS: Settings = {
  clipboardClearSeconds: 20,
  autoLockMinutes: 15,
  lockOnScreenLock: true,
  freshCodeSeconds: 3,
  autoStart: false,
  theme: 'system',
  hotkeys: {
    typeCode: 'CommandOrControl+Alt+O',
    openPicker: 'CommandOrControl+Alt+P',
    scanScreen: 'CommandOrControl+Alt+S',
  },
  directoryEnabled: false,
  browserIntegration: true,
};

export interface ParsedSettings {
  settings: Settings;
  /** One sentence per value that was not used, for the person (a notification, a log). */
  problems: string[];
}

type Key = keyof Settings;
const KEYS = Object.keys(DEFAULT_SETTINGS) as Key[];

/** Settings from whatever a settings file held; every unusable part reported, never thrown. */
export function parseSettings(raw: unknown): ParsedSettings {
  const settings = structuredClone(DEFAULT_SETTINGS);
  const problems: string[] = [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.push('The settings file does not hold settings; the defaults are used.');
    return { settings, problems };
  }
  const record = raw as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    if (key.startsWith('__')) continue; // electron-store's own bookkeeping (migrations)
    // The desktop's approval to type: the store keeps it, the window never sees it.
    if (key === RESTORE_TOKEN_KEY) continue;
    if (!(KEYS as string[]).includes(key)) {
      problems.push(`Unknown setting "${key}" is ignored.`);
      continue;
    }
    if (key === 'hotkeys') {
      settings.hotkeys = parseHotkeys(value, problems);
      continue;
    }
    const field = settingsSchema.shape[key as Exclude<Key, 'hotkeys'>].safeParse(value);
    if (field.success) (settings as Record<string, unknown>)[key] = field.data;
    else {
      problems.push(
        `Setting "${key}" has an invalid value ${JSON.stringify(value)}; the default ${JSON.stringify(DEFAULT_SETTINGS[key as Key])} is used.`,
      );
    }
  }
  return { settings, problems };
}

function parseHotkeys(value: unknown, problems: string[]): Settings['hotkeys'] {
  const hotkeys = { ...DEFAULT_SETTINGS.hotkeys };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push('Setting "hotkeys" is not a list of shortcuts; the default shortcuts are used.');
    return hotkeys;
  }
  for (const [name, accelerator] of Object.entries(value)) {
    const known = hotkeyAction.safeParse(name);
    if (!known.success) {
      problems.push(`Unknown hotkey "${name}" is ignored.`);
      continue;
    }
    const action = known.data;
    if (!isAccelerator(accelerator)) {
      problems.push(
        `Hotkey "${action}" has an invalid shortcut ${JSON.stringify(accelerator)}; the default ${hotkeys[action]} is used.`,
      );
    } else {
      hotkeys[action] = accelerator;
    }
  }
  return hotkeys;
}

const MODIFIERS = new Set([
  'command',
  'cmd',
  'control',
  'ctrl',
  'commandorcontrol',
  'cmdorctrl',
  'alt',
  'option',
  'altgr',
  'shift',
  'super',
  'meta',
]);

/**
 * Electron accelerator syntax, loosely: modifiers joined by "+" and one key; an empty string
 * means "no shortcut". Whether the OS accepts it is for the registration to say.
 */
export function isAccelerator(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 100) return false;
  if (value === '') return true;
  const parts = value.split('+');
  const key = parts.pop()!;
  return (
    key.length > 0 &&
    !MODIFIERS.has(key.toLowerCase()) &&
    /^[\x21-\x7e]+$/.test(key) &&
    parts.every((part) => MODIFIERS.has(part.toLowerCase()))
  );
}

export class SettingsError extends Error {
  override readonly name = 'SettingsError';
}

// The contract's hotkeys record needs every action; a patch may name just one.
const patchSchema = settingsSchema
  .omit({ hotkeys: true })
  .partial()
  .extend({ hotkeys: z.partialRecord(hotkeyAction, z.string()).optional() })
  .strict();

/** The settings after a change; a change that does not validate changes nothing and throws. */
export function applySettingsPatch(current: Settings, patch: unknown): Settings {
  const checked = patchSchema.safeParse(patch);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new SettingsError(
      `That setting cannot be saved (${issue?.path.join('.') || 'settings'}: ${issue?.message ?? 'invalid'}).`,
    );
  }
  const next = { ...current, ...checked.data } as Settings;
  if (checked.data.hotkeys) {
    next.hotkeys = { ...current.hotkeys, ...checked.data.hotkeys };
    for (const [action, accelerator] of Object.entries(next.hotkeys)) {
      if (!isAccelerator(accelerator)) {
        throw new SettingsError(`"${accelerator}" is not a keyboard shortcut (hotkey ${action}).`);
      }
    }
  }
  return next;
}

/** Where a settings file that could not be used whole is kept: beside it, with the time. */
export function invalidCopyPath(path: string, now: number): string {
  return `${path}.invalid-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
}
