// CoreFoundation, Accessibility and the window list in memory, behind the MacWindowApi the macOS
// ActiveWindow uses. It keeps CF's ownership rules: create and copy hand out a +1 reference the
// caller must release; array and dictionary getters lend references that must not be released.
// Using a released reference or releasing a borrowed one throws, and `outstanding` counts what is
// still owed, so a test can assert that every copy was released.
import type {
  CFKind,
  CFRef,
  MacWindowApi,
  WindowInfoKey,
} from '../../main/platform/macos/active-window';

export const kAXErrorAPIDisabled = -25211;
export const kAXErrorNoValue = -25212;
export const kAXErrorCannotComplete = -25204;

type FakeObject =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'array'; items: CFRef[] }
  | { kind: 'dictionary'; entries: Partial<Record<WindowInfoKey, CFRef>> }
  | { kind: 'element'; pid: number; attributes: Map<string, CFRef | { error: number }> }
  | { kind: 'system-wide' };

export interface FakeWindowInfo {
  layer: number;
  pid: number;
  name?: string;
}

export class FakeMacWindowApi implements MacWindowApi {
  trusted = true;
  /** What AXFocusedApplication gives on the system-wide element. */
  focusedApplication: CFRef | { error: number } = { error: kAXErrorNoValue };
  onScreen: FakeWindowInfo[] | null = [];
  /** Messaging timeouts set: [element, seconds]. */
  timeouts: [CFRef, number][] = [];
  /** Attribute names copied, in order. */
  copied: string[] = [];
  windowListCopies = 0;

  private objects = new Map<CFRef, FakeObject>();
  /** +1 references handed out and not yet released, per object. */
  private owed = new Map<CFRef, number>();
  /** Objects made only for the caller: they die with their last release. */
  private transient = new Set<CFRef>();
  private next = 0x7000n;

  /** A fixture object the fake itself keeps alive (never owed by the code under test). */
  private keep(object: FakeObject): CFRef {
    const ref = this.next;
    this.next += 0x10n;
    this.objects.set(ref, object);
    return ref;
  }

  /** Hands out a +1 reference; a transient object dies when the caller releases it. */
  private give(ref: CFRef, transient = false): CFRef {
    this.owed.set(ref, (this.owed.get(ref) ?? 0) + 1);
    if (transient) this.transient.add(ref);
    return ref;
  }

  /** Frees an object and what it holds (a window list's dictionaries and their values). */
  private destroy(ref: CFRef): void {
    const object = this.objects.get(ref);
    this.objects.delete(ref);
    if (object?.kind === 'array') object.items.forEach((item) => this.destroy(item));
    if (object?.kind === 'dictionary')
      Object.values(object.entries).forEach((v) => this.destroy(v));
  }

  private live(ref: CFRef): FakeObject {
    const object = this.objects.get(ref);
    if (!object) throw new Error(`use of released or unknown CF reference 0x${ref.toString(16)}`);
    return object;
  }

  /** An application element with a pid and attributes (values are strings or elements). */
  application(
    pid: number,
    attributes: Record<string, string | CFRef | { error: number }> = {},
  ): CFRef {
    const map = new Map<string, CFRef | { error: number }>();
    for (const [name, value] of Object.entries(attributes)) {
      map.set(name, typeof value === 'string' ? this.keep({ kind: 'string', value }) : value);
    }
    return this.keep({ kind: 'element', pid, attributes: map });
  }

  /** A window element with a title (a string, or a non-string value). */
  window(pid: number, title: string | number): CFRef {
    const value =
      typeof title === 'string'
        ? this.keep({ kind: 'string', value: title })
        : this.keep({ kind: 'number', value: title });
    return this.keep({ kind: 'element', pid, attributes: new Map([['AXTitle', value]]) });
  }

  /** The references still owed by the code under test. */
  outstanding(): number {
    return [...this.owed.values()].reduce((sum, n) => sum + n, 0);
  }

  isProcessTrusted() {
    return this.trusted;
  }
  createSystemWide() {
    return this.give(this.keep({ kind: 'system-wide' }), true);
  }
  setMessagingTimeout(element: CFRef, seconds: number) {
    this.live(element);
    this.timeouts.push([element, seconds]);
    return 0;
  }
  copyAttribute(element: CFRef, attribute: CFRef) {
    const target = this.live(element);
    const name = this.live(attribute);
    if (name.kind !== 'string') throw new Error('an attribute name must be a CFString');
    if (!this.trusted) return { error: kAXErrorAPIDisabled, value: null };
    this.copied.push(name.value);
    let value: CFRef | { error: number };
    if (target.kind === 'system-wide') {
      value =
        name.value === 'AXFocusedApplication'
          ? this.focusedApplication
          : { error: kAXErrorNoValue };
    } else if (target.kind === 'element') {
      value = target.attributes.get(name.value) ?? { error: kAXErrorNoValue };
    } else {
      throw new Error('AXUIElementCopyAttributeValue on a non-element');
    }
    if (typeof value !== 'bigint') return { error: value.error, value: null };
    this.live(value);
    return { error: 0, value: this.give(value) };
  }
  pidOf(element: CFRef) {
    const target = this.live(element);
    if (target.kind === 'system-wide') throw new Error('the system-wide element has no pid');
    return target.kind === 'element' ? target.pid : undefined;
  }
  createString(text: string) {
    return this.give(this.keep({ kind: 'string', value: text }), true);
  }
  kindOf(ref: CFRef): CFKind {
    const { kind } = this.live(ref);
    return kind === 'string' || kind === 'number' ? kind : 'other';
  }
  stringLength(string: CFRef) {
    const object = this.live(string);
    if (object.kind !== 'string') throw new Error('CFStringGetLength on a non-string');
    return object.value.length;
  }
  /** CF answers length × 3 for UTF-8: enough for any UTF-16 string of that length. */
  maxUtf8Size(length: number) {
    return length * 3;
  }
  getCString(string: CFRef, buffer: Uint8Array) {
    const object = this.live(string);
    if (object.kind !== 'string') throw new Error('CFStringGetCString on a non-string');
    const bytes = Buffer.from(object.value, 'utf8');
    if (bytes.length + 1 > buffer.length) return false;
    buffer.set(bytes);
    buffer[bytes.length] = 0;
    return true;
  }
  numberValue(number: CFRef) {
    const object = this.live(number);
    if (object.kind !== 'number') throw new Error('CFNumberGetValue on a non-number');
    return object.value;
  }
  copyOnScreenWindows() {
    this.windowListCopies++;
    if (this.onScreen === null) return null;
    const items = this.onScreen.map((info) =>
      this.keep({
        kind: 'dictionary',
        entries: {
          layer: this.keep({ kind: 'number', value: info.layer }),
          ownerPid: this.keep({ kind: 'number', value: info.pid }),
          ...(info.name !== undefined && {
            ownerName: this.keep({ kind: 'string', value: info.name }),
          }),
        },
      }),
    );
    return this.give(this.keep({ kind: 'array', items }), true);
  }
  arrayCount(array: CFRef) {
    const object = this.live(array);
    if (object.kind !== 'array') throw new Error('CFArrayGetCount on a non-array');
    return object.items.length;
  }
  arrayValue(array: CFRef, index: number) {
    const object = this.live(array);
    if (object.kind !== 'array') throw new Error('CFArrayGetValueAtIndex on a non-array');
    return object.items[index] ?? null;
  }
  windowInfo(dictionary: CFRef, key: WindowInfoKey) {
    const object = this.live(dictionary);
    if (object.kind !== 'dictionary') throw new Error('CFDictionaryGetValue on a non-dictionary');
    return object.entries[key] ?? null;
  }
  release(ref: CFRef) {
    this.live(ref);
    const owed = this.owed.get(ref) ?? 0;
    if (owed === 0) throw new Error(`release of a borrowed reference 0x${ref.toString(16)}`);
    if (owed === 1) this.owed.delete(ref);
    else this.owed.set(ref, owed - 1);
    // Fixtures stay after the last release: the system keeps apps and windows alive.
    if (!this.owed.has(ref) && this.transient.delete(ref)) this.destroy(ref);
  }
}
