// `trayotp --type-code` (and --scan-screen): where the desktop does not pass the
// global hotkey to TrayOTP (Wayland without the GlobalShortcuts portal, or one that refused),
// the person binds a desktop shortcut to this command instead. The command starts a second
// TrayOTP, which cannot take the single-instance lock; Electron hands its argv to the running
// app ('second-instance'), and this module says what that argv asks for. Pure: main/index.ts
// only forwards the argv here.

/** What a second instance's command line asks the running app to do. */
export type InstanceCommand = 'type-code' | 'scan-screen' | 'show';

export const INSTANCE_FLAGS: Readonly<Record<string, InstanceCommand>> = {
  '--type-code': 'type-code',
  '--scan-screen': 'scan-screen',
};

/** The command people bind in their desktop's keyboard settings, where no better one is known. */
export const TYPE_CODE_COMMAND = 'trayotp --type-code';

/**
 * The command that starts this very TrayOTP with --type-code, for a desktop shortcut: `program`
 * is what starts it (the installed binary, the AppImage, or Electron and the app folder in
 * development: autostart.ts's autostartCommand), quoted for a shell (POSIX; Windows: "…").
 */
export function typeCodeCommandLine(program: readonly string[], platform: string): string {
  const quote = (arg: string) =>
    /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)
      ? arg
      : platform === 'win32'
        ? `"${arg.replace(/"/g, '""')}"`
        : `'${arg.replace(/'/g, `'\\''`)}'`;
  return [...program, '--type-code'].map(quote).join(' ');
}

/** More than this is not a command line a person or a desktop shortcut wrote. */
const MAX_ARGS = 256;
const MAX_ARG_LENGTH = 4096;

/**
 * The command of a second instance's argv (Electron's, so it starts with the executable and
 * may hold Chromium's switches). The first flag of ours wins; none (or an argv that is not a
 * list of short strings) is 'show', what starting TrayOTP again always did.
 */
export function parseInstanceArgs(argv: unknown): InstanceCommand {
  if (!Array.isArray(argv) || argv.length > MAX_ARGS) return 'show';
  for (const arg of argv) {
    if (typeof arg !== 'string' || arg.length > MAX_ARG_LENGTH) return 'show';
    // Anywhere in the list: Electron says the order may change and switches may be added.
    const command = INSTANCE_FLAGS[arg];
    if (command) return command;
  }
  return 'show';
}

export interface InstanceTargets {
  typeCode: () => void;
  scanScreen: () => void;
  showWindow: () => void;
}

const COMMANDS = new Set<string>(['type-code', 'scan-screen', 'show']);

/**
 * What the second instance sent with its lock request (requestSingleInstanceLock's
 * additionalData: `{ command }`, the command it parsed from its own argv, which arrives
 * unchanged), else what its argv says.
 */
export function instanceCommand(argv: unknown, additionalData?: unknown): InstanceCommand {
  if (typeof additionalData === 'object' && additionalData !== null) {
    const command = (additionalData as { command?: unknown }).command;
    if (typeof command === 'string' && COMMANDS.has(command)) return command as InstanceCommand;
  }
  return parseInstanceArgs(argv);
}

/** Runs what a second instance asked for; returns it, for the log and the tests. */
export function dispatchInstanceArgs(
  argv: unknown,
  additionalData: unknown,
  targets: InstanceTargets,
): InstanceCommand {
  const command = instanceCommand(argv, additionalData);
  const run: Record<InstanceCommand, () => void> = {
    'type-code': targets.typeCode,
    'scan-screen': targets.scanScreen,
    show: targets.showWindow,
  };
  run[command]();
  return command;
}
