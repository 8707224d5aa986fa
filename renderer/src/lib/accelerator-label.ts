// Shortcuts as the platform writes them. Settings keep Electron's accelerator syntax
// ("CommandOrControl+Alt+O"); people read Ctrl+Alt+O on Linux and Windows, and ⌥⌘O on macOS,
// where the modifiers are symbols in Apple's fixed order (⌃ ⌥ ⇧ ⌘) with no separators.
import type { AppState } from '../../../preload/contract';

export type Platform = AppState['platform'];

type Modifier = 'control' | 'alt' | 'shift' | 'super';

/** Electron's modifier names (case-insensitive) → what they mean on each platform. */
function modifierOf(name: string, platform: Platform): Modifier | undefined {
  switch (name.toLowerCase()) {
    case 'commandorcontrol':
    case 'cmdorctrl':
      return platform === 'mac' ? 'super' : 'control';
    case 'control':
    case 'ctrl':
      return 'control';
    case 'alt':
    case 'option':
    case 'altgr':
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

const MAC_MODIFIERS: Record<Modifier, string> = {
  control: '⌃',
  alt: '⌥',
  shift: '⇧',
  super: '⌘',
};
const MAC_ORDER: Modifier[] = ['control', 'alt', 'shift', 'super'];

const PC_MODIFIERS: Record<Platform, Record<Modifier, string>> = {
  linux: { control: 'Ctrl', alt: 'Alt', shift: 'Shift', super: 'Super' },
  windows: { control: 'Ctrl', alt: 'Alt', shift: 'Shift', super: 'Win' },
  mac: MAC_MODIFIERS,
};

const MAC_KEYS: Record<string, string> = {
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  return: '↩',
  enter: '↩',
  escape: '⎋',
  esc: '⎋',
  delete: '⌦',
  backspace: '⌫',
  tab: '⇥',
  plus: '+',
  space: 'Space',
};

const PC_KEYS: Record<string, string> = {
  return: 'Enter',
  enter: 'Enter',
  escape: 'Esc',
  esc: 'Esc',
  plus: 'Plus',
};

function keyLabel(key: string, platform: Platform): string {
  const lower = key.toLowerCase();
  const named = (platform === 'mac' ? MAC_KEYS : PC_KEYS)[lower];
  if (named) return named;
  if (key.length === 1) return key.toUpperCase();
  return key.charAt(0).toUpperCase() + key.slice(1);
}

export function acceleratorLabel(accelerator: string, platform: Platform): string {
  if (!accelerator) return '';
  const parts = accelerator.split('+');
  // "Alt+Plus" is how Electron writes the plus key; a trailing "+" would split into ''.
  const key = parts.pop() ?? '';
  const modifiers: Modifier[] = [];
  for (const part of parts) {
    const modifier = modifierOf(part, platform);
    if (modifier && !modifiers.includes(modifier)) modifiers.push(modifier);
  }
  if (platform === 'mac') {
    const ordered = MAC_ORDER.filter((m) => modifiers.includes(m));
    return ordered.map((m) => MAC_MODIFIERS[m]).join('') + keyLabel(key, platform);
  }
  return [...modifiers.map((m) => PC_MODIFIERS[platform][m]), keyLabel(key, platform)].join('+');
}
