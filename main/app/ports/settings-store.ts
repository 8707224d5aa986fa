// Non-secret settings (electron-store in the app): read whole, changed by patches.
import type { Settings } from '../../../preload/contract';

export interface SettingsStore {
  get(): Settings;
  set(patch: Partial<Settings>): Settings;
}
