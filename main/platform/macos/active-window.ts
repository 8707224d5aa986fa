// ActiveWindow for macOS: the focused window's title through the Accessibility API, via koffi.
//
// With Accessibility trust (which typing needs anyway): system-wide element → its focused
// application → that application's focused window → the window's title. Browsers give the tab's
// title there, which is what account matching wants. When the focused application is known but
// has no focused window, or the window has no title, there is nothing to match: undefined (the
// window list below would name whichever app owns the frontmost window, maybe another one).
//
// Without trust, or when the Accessibility API itself fails (disabled, the system-wide element
// unavailable, no focused application), the fallback is the name of the app that owns the
// frontmost normal window (layer 0) from CGWindowListCopyWindowInfo: kCGWindowOwnerName needs no
// permission (kCGWindowName, the title, needs Screen Recording since macOS 10.15). An app's name
// is a weaker signal than a title, but it matches native apps whose name is the issuer (Steam,
// Slack…); for a browser it names only the browser, so nothing matches and the picker opens.
//
// Either way, a focused app or frontmost window of our own process (the tray popup, the picker)
// reads as undefined, so we never match our own window. Every CF object we create or copy is
// released; values got from arrays and dictionaries are borrowed and are not.
import koffi from 'koffi';
import type { LibraryHandle } from 'koffi';
import type { ActiveWindow } from '../../app/ports/active-window';

/** A CFTypeRef (AXUIElementRef, CFStringRef, CFArrayRef…): koffi gives pointers as BigInt. */
export type CFRef = bigint;

/** What CFGetTypeID says a reference is, as far as reading titles needs. */
export type CFKind = 'string' | 'number' | 'other';

/** The window-list keys read (kCGWindowLayer, kCGWindowOwnerName, kCGWindowOwnerPID). */
export type WindowInfoKey = 'layer' | 'ownerName' | 'ownerPid';

/** AXError values that matter here (AXError.h). */
export const AX_SUCCESS = 0;

/** The HIServices, Quartz Window Services and CoreFoundation calls, as plain functions. */
export interface MacWindowApi {
  /** AXIsProcessTrusted. */
  isProcessTrusted(): boolean;
  /** AXUIElementCreateSystemWide (+1). */
  createSystemWide(): CFRef | null;
  /** AXUIElementSetMessagingTimeout; on the system-wide element it applies to every element. */
  setMessagingTimeout(element: CFRef, seconds: number): number;
  /** AXUIElementCopyAttributeValue: an AXError and, on success, the value (+1). */
  copyAttribute(element: CFRef, attribute: CFRef): { error: number; value: CFRef | null };
  /** AXUIElementGetPid, or undefined on error. */
  pidOf(element: CFRef): number | undefined;
  /** CFStringCreateWithCString in UTF-8 (+1). */
  createString(text: string): CFRef | null;
  kindOf(ref: CFRef): CFKind;
  /** CFStringGetLength: UTF-16 units. */
  stringLength(string: CFRef): number;
  /** CFStringGetMaximumSizeForEncoding(length, UTF-8): bytes, without the NUL. */
  maxUtf8Size(length: number): number;
  /** CFStringGetCString into `buffer` (NUL-terminated UTF-8); false when it does not fit. */
  getCString(string: CFRef, buffer: Uint8Array): boolean;
  /** CFNumberGetValue as a 64-bit integer, or undefined when it cannot be represented. */
  numberValue(number: CFRef): number | undefined;
  /** CGWindowListCopyWindowInfo of the on-screen windows, front to back, without the desktop (+1). */
  copyOnScreenWindows(): CFRef | null;
  /** CFArrayGetCount. */
  arrayCount(array: CFRef): number;
  /** CFArrayGetValueAtIndex (borrowed). */
  arrayValue(array: CFRef, index: number): CFRef | null;
  /** CFDictionaryGetValue with the window-list key (borrowed). */
  windowInfo(dictionary: CFRef, key: WindowInfoKey): CFRef | null;
  /** CFRelease. */
  release(ref: CFRef): void;
}

export interface MacActiveWindowOptions {
  load?: () => MacWindowApi;
  /** Our own process id (process.pid: Electron's main process owns every NSWindow). */
  ownPid?: number;
}

/**
 * How long one Accessibility query may wait for a busy app (the default is 6 s): the hotkey
 * should fall back to the picker quickly rather than hang on an unresponsive app.
 */
export const AX_TIMEOUT_SECONDS = 0.5;

export function createMacActiveWindow(options: MacActiveWindowOptions = {}): ActiveWindow {
  const load = options.load ?? loadMacWindowApi;
  const ownPid = options.ownPid ?? process.pid;
  let loaded: MacWindowApi | undefined;
  return {
    async title(): Promise<string | undefined> {
      let api: MacWindowApi;
      try {
        api = loaded ??= load();
      } catch {
        return undefined;
      }
      if (api.isProcessTrusted()) {
        const result = owning(api, (own) => focusedWindowTitle(api, own, ownPid));
        if (result.kind !== 'unavailable') return result.title;
      }
      return frontmostAppName(api, ownPid);
    },
  };
}

type AccessibilityResult = { kind: 'found'; title: string | undefined } | { kind: 'unavailable' };

/** Runs `body` with `own`, which marks a +1 reference to be released when `body` returns. */
function owning<T>(api: MacWindowApi, body: (own: (ref: CFRef | null) => CFRef | null) => T): T {
  const owned: CFRef[] = [];
  try {
    return body((ref) => {
      if (ref !== null) owned.push(ref);
      return ref;
    });
  } finally {
    for (const ref of owned.reverse()) api.release(ref);
  }
}

function focusedWindowTitle(
  api: MacWindowApi,
  own: (ref: CFRef | null) => CFRef | null,
  ownPid: number,
): AccessibilityResult {
  const unavailable = { kind: 'unavailable' } as const;
  const systemWide = own(api.createSystemWide());
  if (systemWide === null) return unavailable;
  api.setMessagingTimeout(systemWide, AX_TIMEOUT_SECONDS);
  const copy = (element: CFRef, name: string): CFRef | null => {
    const attribute = own(api.createString(name));
    if (attribute === null) return null;
    const { error, value } = api.copyAttribute(element, attribute);
    own(value);
    return error === AX_SUCCESS ? value : null;
  };

  const app = copy(systemWide, 'AXFocusedApplication'); // kAXFocusedApplicationAttribute
  if (app === null) return unavailable;
  const pid = api.pidOf(app);
  if (pid === undefined || pid === ownPid) return { kind: 'found', title: undefined };
  const window = copy(app, 'AXFocusedWindow'); // kAXFocusedWindowAttribute
  if (window === null) return { kind: 'found', title: undefined };
  const title = copy(window, 'AXTitle'); // kAXTitleAttribute
  return { kind: 'found', title: title === null ? undefined : stringOf(api, title) || undefined };
}

function frontmostAppName(api: MacWindowApi, ownPid: number): string | undefined {
  return owning(api, (own) => {
    const windows = own(api.copyOnScreenWindows());
    if (windows === null) return undefined;
    const count = api.arrayCount(windows);
    for (let index = 0; index < count; index++) {
      const info = api.arrayValue(windows, index);
      if (info === null) continue;
      // Layer 0 holds normal windows; the menu bar, Dock and overlays sit on higher layers.
      if (numberOf(api, api.windowInfo(info, 'layer')) !== 0) continue;
      if (numberOf(api, api.windowInfo(info, 'ownerPid')) === ownPid) return undefined;
      const name = api.windowInfo(info, 'ownerName');
      return (name !== null && stringOf(api, name)) || undefined;
    }
    return undefined;
  });
}

/** A CFString as a JS string through UTF-8 (CFStringGetCString); '' when it is not a string. */
function stringOf(api: MacWindowApi, ref: CFRef): string {
  if (api.kindOf(ref) !== 'string') return '';
  const length = api.stringLength(ref);
  if (!(length > 0)) return '';
  const buffer = new Uint8Array(api.maxUtf8Size(length) + 1);
  if (!api.getCString(ref, buffer)) return '';
  const end = buffer.indexOf(0);
  return Buffer.from(buffer.subarray(0, end < 0 ? buffer.length : end)).toString('utf8');
}

function numberOf(api: MacWindowApi, ref: CFRef | null): number | undefined {
  return ref !== null && api.kindOf(ref) === 'number' ? api.numberValue(ref) : undefined;
}

const APPLICATION_SERVICES =
  '/System/Library/Frameworks/ApplicationServices.framework/ApplicationServices';
const CORE_FOUNDATION = '/System/Library/Frameworks/CoreFoundation.framework/CoreFoundation';

let bound: MacWindowApi | undefined;

/** Loads the frameworks once per process; throws when they cannot be loaded (not macOS). */
export function loadMacWindowApi(): MacWindowApi {
  bound ??= bindMacWindowApi(koffi.load(APPLICATION_SERVICES), koffi.load(CORE_FOUNDATION));
  return bound;
}

const kCFStringEncodingUTF8 = 0x08000100;
const kCFNumberSInt64Type = 4;
const kCGWindowListOptionOnScreenOnly = 1 << 0;
const kCGWindowListExcludeDesktopElements = 1 << 4;
const kCGNullWindowID = 0;

/**
 * The koffi binding over the loaded frameworks (or, in tests, libraries with the same exports).
 * CF and AX references are declared `void *` (koffi: BigInt or null); CFIndex and CFTypeID are
 * `long`/`unsigned long` (64-bit on macOS), CFStringEncoding `uint32`, Boolean `bool` (one byte).
 */
export function bindMacWindowApi(services: LibraryHandle, foundation: LibraryHandle): MacWindowApi {
  const AXIsProcessTrusted = services.func('bool AXIsProcessTrusted()');
  const AXUIElementCreateSystemWide = services.func('void *AXUIElementCreateSystemWide()');
  const AXUIElementSetMessagingTimeout = services.func(
    'int32 AXUIElementSetMessagingTimeout(void *element, float timeoutInSeconds)',
  );
  const AXUIElementCopyAttributeValue = services.func(
    'int32 AXUIElementCopyAttributeValue(void *element, void *attribute, _Out_ void **value)',
  );
  const AXUIElementGetPid = services.func(
    'int32 AXUIElementGetPid(void *element, _Out_ int32 *pid)',
  );
  const CGWindowListCopyWindowInfo = services.func(
    'void *CGWindowListCopyWindowInfo(uint32 option, uint32 relativeToWindow)',
  );
  // The keys are exported `const CFStringRef` variables: read the pointer each one holds.
  const keys: Record<WindowInfoKey, CFRef> = {
    layer: symbolValue(services, 'kCGWindowLayer'),
    ownerName: symbolValue(services, 'kCGWindowOwnerName'),
    ownerPid: symbolValue(services, 'kCGWindowOwnerPID'),
  };

  const CFStringCreateWithCString = foundation.func(
    'void *CFStringCreateWithCString(void *alloc, const char *cStr, uint32 encoding)',
  );
  const CFGetTypeID = foundation.func('unsigned long CFGetTypeID(void *cf)');
  const CFStringGetTypeID = foundation.func('unsigned long CFStringGetTypeID()');
  const CFNumberGetTypeID = foundation.func('unsigned long CFNumberGetTypeID()');
  const CFStringGetLength = foundation.func('long CFStringGetLength(void *string)');
  const CFStringGetMaximumSizeForEncoding = foundation.func(
    'long CFStringGetMaximumSizeForEncoding(long length, uint32 encoding)',
  );
  const CFStringGetCString = foundation.func(
    'bool CFStringGetCString(void *string, _Out_ uint8 *buffer, long bufferSize, uint32 encoding)',
  );
  const CFNumberGetValue = foundation.func(
    'bool CFNumberGetValue(void *number, long theType, _Out_ int64 *value)',
  );
  const CFArrayGetCount = foundation.func('long CFArrayGetCount(void *array)');
  const CFArrayGetValueAtIndex = foundation.func(
    'void *CFArrayGetValueAtIndex(void *array, long index)',
  );
  const CFDictionaryGetValue = foundation.func('void *CFDictionaryGetValue(void *dict, void *key)');
  const CFRelease = foundation.func('void CFRelease(void *cf)');
  const stringType = BigInt(CFStringGetTypeID() as number | bigint);
  const numberType = BigInt(CFNumberGetTypeID() as number | bigint);

  return {
    isProcessTrusted: () => Boolean(AXIsProcessTrusted()),
    createSystemWide: () => (AXUIElementCreateSystemWide() as CFRef | null) ?? null,
    setMessagingTimeout: (element, seconds) =>
      Number(AXUIElementSetMessagingTimeout(element, seconds)),
    copyAttribute(element, attribute) {
      const value: (CFRef | null)[] = [null];
      const error = Number(AXUIElementCopyAttributeValue(element, attribute, value));
      return { error, value: value[0] ?? null };
    },
    pidOf(element) {
      const pid = [0];
      return Number(AXUIElementGetPid(element, pid)) === AX_SUCCESS ? Number(pid[0]) : undefined;
    },
    createString: (text) =>
      (CFStringCreateWithCString(null, text, kCFStringEncodingUTF8) as CFRef | null) ?? null,
    kindOf(ref) {
      const type = BigInt(CFGetTypeID(ref) as number | bigint);
      return type === stringType ? 'string' : type === numberType ? 'number' : 'other';
    },
    stringLength: (string) => Number(CFStringGetLength(string)),
    maxUtf8Size: (length) =>
      Number(CFStringGetMaximumSizeForEncoding(length, kCFStringEncodingUTF8)),
    getCString: (string, buffer) =>
      Boolean(CFStringGetCString(string, buffer, buffer.length, kCFStringEncodingUTF8)),
    numberValue(number) {
      const value = [0];
      return CFNumberGetValue(number, kCFNumberSInt64Type, value) ? Number(value[0]) : undefined;
    },
    copyOnScreenWindows: () =>
      (CGWindowListCopyWindowInfo(
        kCGWindowListOptionOnScreenOnly | kCGWindowListExcludeDesktopElements,
        kCGNullWindowID,
      ) as CFRef | null) ?? null,
    arrayCount: (array) => Number(CFArrayGetCount(array)),
    arrayValue: (array, index) => (CFArrayGetValueAtIndex(array, index) as CFRef | null) ?? null,
    windowInfo: (dictionary, key) =>
      (CFDictionaryGetValue(dictionary, keys[key]) as CFRef | null) ?? null,
    release: (ref) => void CFRelease(ref),
  };
}

/** The pointer stored in an exported pointer variable; throws when the symbol is missing. */
function symbolValue(lib: LibraryHandle, name: string): CFRef {
  const value = koffi.decode(lib.symbol(name), 'void *') as CFRef | null;
  if (value === null) throw new Error(`${name} is NULL`);
  return value;
}
