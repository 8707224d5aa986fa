// This process's user, host name and system, read once for assembleApp (the ThisComputer port,
// main/app/ports/this-computer.ts). Electron-free: the tests' apps use it too.
import { hostname } from 'node:os';
import type { ThisComputer } from '../app/ports/this-computer';

export function thisComputer(): ThisComputer {
  return { userId: process.getuid?.(), hostName: hostname(), platform: process.platform };
}
