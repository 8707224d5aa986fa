// Which platform's conventions the window follows (shortcut names and symbols), from Node's
// process.platform. Sent in the app state: the sandboxed renderer has no process object.
import type { AppState } from '../../../preload/contract';

export type PlatformName = AppState['platform'];

export function platformOf(nodePlatform: string): PlatformName {
  if (nodePlatform === 'darwin') return 'mac';
  if (nodePlatform === 'win32') return 'windows';
  return 'linux';
}
