// Shortcuts as each platform writes them: Electron's accelerator names ("CommandOrControl+Alt+O")
// become Ctrl+Alt+O on Linux and Windows and ⌥⌘O on macOS (Apple's order: ⌃ ⌥ ⇧ ⌘, no
// separators). Pure, in Node.
import { describe, expect, it } from 'vitest';
import { platformOf } from '../../main/app/window/platform-name';
import { acceleratorLabel } from '../../renderer/src/lib/accelerator-label';

describe('acceleratorLabel', () => {
  it.each([
    // accelerator, linux, windows, mac
    ['CommandOrControl+Alt+O', 'Ctrl+Alt+O', 'Ctrl+Alt+O', '⌥⌘O'],
    ['CmdOrCtrl+Shift+S', 'Ctrl+Shift+S', 'Ctrl+Shift+S', '⇧⌘S'],
    ['Control+Alt+J', 'Ctrl+Alt+J', 'Ctrl+Alt+J', '⌃⌥J'],
    ['Ctrl+Alt+Shift+K', 'Ctrl+Alt+Shift+K', 'Ctrl+Alt+Shift+K', '⌃⌥⇧K'],
    ['Super+Space', 'Super+Space', 'Win+Space', '⌘Space'],
    ['Meta+Alt+T', 'Super+Alt+T', 'Win+Alt+T', '⌥⌘T'],
    ['Command+Option+P', 'Super+Alt+P', 'Win+Alt+P', '⌥⌘P'],
    ['Alt+Up', 'Alt+Up', 'Alt+Up', '⌥↑'],
    ['Control+Return', 'Ctrl+Enter', 'Ctrl+Enter', '⌃↩'],
    ['Alt+Plus', 'Alt+Plus', 'Alt+Plus', '⌥+'],
    ['Control+Escape', 'Ctrl+Esc', 'Ctrl+Esc', '⌃⎋'],
    ['Control+Delete', 'Ctrl+Delete', 'Ctrl+Delete', '⌃⌦'],
    ['Control+Backspace', 'Ctrl+Backspace', 'Ctrl+Backspace', '⌃⌫'],
    ['Control+Tab', 'Ctrl+Tab', 'Ctrl+Tab', '⌃⇥'],
    ['F9', 'F9', 'F9', 'F9'],
    ['control+alt+o', 'Ctrl+Alt+O', 'Ctrl+Alt+O', '⌃⌥O'],
    ['', '', '', ''],
  ])('%j → linux %j, windows %j, mac %j', (accelerator, linux, windows, mac) => {
    expect(acceleratorLabel(accelerator, 'linux')).toBe(linux);
    expect(acceleratorLabel(accelerator, 'windows')).toBe(windows);
    expect(acceleratorLabel(accelerator, 'mac')).toBe(mac);
  });
});

describe('platformOf', () => {
  it.each([
    ['darwin', 'mac'],
    ['win32', 'windows'],
    ['linux', 'linux'],
    ['freebsd', 'linux'],
  ] as const)('%s → %s', (node, platform) => expect(platformOf(node)).toBe(platform));
});
