// The clock check's settings and last result as a small JSON file beside the settings (not in
// the settings store: the window may patch settings, but never the measured offset). A file
// that cannot be read or does not match the schema starts from the defaults: the check is a
// convenience, and its worst loss is one more check.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { clockSettings, DEFAULT_CLOCK_SETTINGS } from '../time/settings';
import type { ClockSettings, ClockSettingsStore } from '../time/settings';

/** Far above what the settings take (a host name and a few numbers). */
const MAX_FILE_BYTES = 64 * 1024;

export function clockSettingsFile(path: string): ClockSettingsStore {
  let current = read(path);
  return {
    get: () => current,
    set(patch) {
      current = clockSettings.parse({ ...current, ...patch });
      const temp = `${path}.tmp`;
      writeFileSync(temp, JSON.stringify(current), { mode: 0o600 });
      renameSync(temp, path);
    },
  };
}

function read(path: string): ClockSettings {
  try {
    const bytes = readFileSync(path);
    if (bytes.length > MAX_FILE_BYTES) return DEFAULT_CLOCK_SETTINGS;
    const parsed = clockSettings.safeParse(JSON.parse(bytes.toString('utf8')));
    return parsed.success ? parsed.data : DEFAULT_CLOCK_SETTINGS;
  } catch {
    return DEFAULT_CLOCK_SETTINGS;
  }
}
