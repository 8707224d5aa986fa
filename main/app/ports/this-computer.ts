// Facts about the computer and the user the app runs for. Whoever assembles the app reads them
// once (main/platform/this-computer.ts reads this process's) and passes them in: the app never
// asks the process itself, so a test can be another user, another host or another system.
export interface ThisComputer {
  /** The user's id where the OS has owners (POSIX getuid); undefined where it has none (Windows). */
  userId: number | undefined;
  /** The computer's name: the device name sync suggests. */
  hostName: string;
  /** Node's process.platform: shortcut names and what CommandOrControl means. */
  platform: string;
}
