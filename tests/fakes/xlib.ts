// A small X server in memory, behind the same Xlib interface the X11 adapters use: windows with
// parents and properties, a focus, a keyboard map and the keys held down. The real thing is
// exercised under Xvfb in tests/e2e/typing-x11.test.ts; this one reaches the failure paths.
import type { DisplayHandle, WindowProperty, XId, Xlib } from '../../main/platform/x11/xlib';

const ROOT = 1000;
// Appended only: an atom's number is its place in the list.
const atoms = [
  '_NET_ACTIVE_WINDOW',
  '_NET_WM_NAME',
  'WM_NAME',
  'STRING',
  'UTF8_STRING',
  'WINDOW',
  '_NET_WM_PID',
  'WM_CLASS',
  'WM_CLIENT_MACHINE',
  'CARDINAL',
];

/** US layout: digits and lower case at level 0, upper case at level 1 of the letter's key. */
function usKeymap(): Map<number, [number, number]> {
  const map = new Map<number, [number, number]>();
  let keycode = 10;
  for (const digit of '1234567890') map.set(keycode++, [digit.charCodeAt(0), 0]);
  for (const letter of 'qwertyuiopasdfghjklzxcvbnm') {
    map.set(keycode++, [letter.charCodeAt(0), letter.toUpperCase().charCodeAt(0)]);
  }
  map.set(50, [0xffe1, 0]); // Shift_L
  map.set(37, [0xffe3, 0]); // Control_L
  map.set(64, [0xffe9, 0]); // Alt_L
  return map;
}

export interface FakeWindow {
  parent: XId;
  properties?: Record<string, { type: string; value: string | number }>;
}

export class FakeXlib implements Xlib {
  windows = new Map<XId, FakeWindow>();
  focus: XId = 1; // PointerRoot
  pointerWindow: XId = 0;
  xtest = true;
  canOpen = true;
  keymap = usKeymap();
  /** Keycodes held down, and for how many more XQueryKeymap polls. */
  held = new Map<number, number>();
  errorOnFakeKey = 0;
  /** Every fake key event: "+38" press, "-38" release. */
  events: string[] = [];
  opened = 0;
  closed = 0;
  private error = 0;

  atom(name: string): XId {
    return 1 + atoms.indexOf(name);
  }

  addWindow(id: XId, window: FakeWindow): this {
    this.windows.set(id, window);
    return this;
  }

  openDisplay(): DisplayHandle | undefined {
    if (!this.canOpen) return undefined;
    this.opened++;
    return {};
  }
  closeDisplay(): void {
    this.closed++;
  }
  defaultRoot(): XId {
    return ROOT;
  }
  internAtom(_display: DisplayHandle, name: string): XId {
    if (!atoms.includes(name)) throw new Error(`unknown atom ${name}`);
    return this.atom(name);
  }
  inputFocus(): XId {
    return this.focus;
  }
  queryTree(_display: DisplayHandle, window: XId) {
    const found = this.windows.get(window);
    if (!found && window !== ROOT) {
      this.error = 3;
      return undefined;
    }
    const children = [...this.windows].filter(([, w]) => w.parent === window).map(([id]) => id);
    return { parent: found?.parent ?? 0, children };
  }
  pointerChild(): XId {
    return this.pointerWindow;
  }
  getProperty(_display: DisplayHandle, window: XId, property: XId): WindowProperty | undefined {
    const found = window === ROOT ? this.windows.get(ROOT) : this.windows.get(window);
    if (!found && window !== ROOT) {
      this.error = 3;
      return undefined;
    }
    const name = atoms[property - 1]!;
    const value = found?.properties?.[name];
    if (!value) return undefined;
    if (typeof value.value === 'number') {
      const bytes = Buffer.alloc(8);
      bytes.writeBigUInt64LE(BigInt(value.value));
      return { type: this.atom(value.type), format: 32, bytes };
    }
    const encoding = value.type === 'STRING' ? 'latin1' : 'utf8';
    return { type: this.atom(value.type), format: 8, bytes: Buffer.from(value.value, encoding) };
  }
  hasXTest(): boolean {
    return this.xtest;
  }
  keysymToKeycode(_display: DisplayHandle, keysym: number): number {
    for (const [keycode, levels] of this.keymap) if (levels.includes(keysym)) return keycode;
    return 0;
  }
  keycodeToKeysym(_display: DisplayHandle, keycode: number, level: number): number {
    return this.keymap.get(keycode)?.[level] ?? 0;
  }
  fakeKey(_display: DisplayHandle, keycode: number, press: boolean): boolean {
    this.events.push(`${press ? '+' : '-'}${keycode}`);
    if (this.errorOnFakeKey) this.error = this.errorOnFakeKey;
    return true;
  }
  keysDown(): Uint8Array {
    const keys = new Uint8Array(32);
    for (const [keycode, polls] of this.held) {
      if (polls <= 0) continue;
      keys[keycode >> 3]! |= 1 << (keycode & 7);
      this.held.set(keycode, polls - 1);
    }
    return keys;
  }
  flush(): void {}
  sync(): void {}
  takeError(): number {
    const error = this.error;
    this.error = 0;
    return error;
  }
}

export { ROOT };
