// One spelling per key combination, so "Control+Alt+O", "Ctrl+Alt+o" and (on Linux and Windows)
// "CommandOrControl+Alt+O" are recognised as the same shortcut. Electron accepts all of them; a
// string comparison would call our own shortcut "free" (then the OS calls it taken).
const MODIFIER_ORDER = ['control', 'alt', 'shift', 'super'] as const;

function modifier(name: string, mac: boolean): (typeof MODIFIER_ORDER)[number] | undefined {
  switch (name) {
    case 'commandorcontrol':
    case 'cmdorctrl':
      return mac ? 'super' : 'control';
    case 'control':
    case 'ctrl':
      return 'control';
    case 'alt':
    case 'option':
      return 'alt';
    case 'shift':
      return 'shift';
    case 'command':
    case 'cmd':
    case 'super':
    case 'meta':
      return 'super';
    default:
      return undefined;
  }
}

/** The combination as one canonical string for `platform` (Node's process.platform). */
export function acceleratorKey(accelerator: string, platform: string): string {
  const parts = accelerator.toLowerCase().split('+');
  const key = parts.pop() ?? '';
  const mac = platform === 'darwin';
  const held = new Set(parts.map((part) => modifier(part, mac) ?? part));
  const ordered = [
    ...MODIFIER_ORDER.filter((m) => held.has(m)),
    ...[...held].filter((m) => !(MODIFIER_ORDER as readonly string[]).includes(m)).sort(),
  ];
  return [...ordered, key === 'return' ? 'enter' : key].join('+');
}
