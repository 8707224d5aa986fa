// The few Xlib and XTest calls TrayOTP needs, bound through koffi (a C FFI whose prebuilt binary
// ships inside its npm platform package, so nothing is compiled or downloaded at install time).
// Plain Node: no Electron here, so the real thing runs under Xvfb in tests/e2e.
//
// Xlib's default error handler prints and EXITS the process on any protocol error (a window that
// closed between two calls gives BadWindow). A tray app must survive that, so `openXlib` installs
// a handler that only records the last error code; callers check `takeError()` where it matters.
import koffi from 'koffi';

/** An X resource id (Window, Atom, KeySym are all `unsigned long` on the wire). */
export type XId = number;
/** An opaque `Display *`. */
export type DisplayHandle = object;

export const NONE = 0;
export const POINTER_ROOT = 1;
export const ANY_PROPERTY_TYPE = 0;
export const SUCCESS = 0;
/** Modifier key keysyms (Shift, Control, Alt, Super, Meta, Hyper, AltGr) held while we type. */
export const MODIFIER_KEYSYMS = [
  0xffe1, 0xffe2, 0xffe3, 0xffe4, 0xffe7, 0xffe8, 0xffe9, 0xffea, 0xffeb, 0xffec, 0xffed, 0xffee,
  0xfe03,
];
export const XK_SHIFT_L = 0xffe1;

export interface WindowProperty {
  type: XId;
  format: number;
  bytes: Uint8Array;
}

export interface Xlib {
  openDisplay(name: string | undefined): DisplayHandle | undefined;
  closeDisplay(display: DisplayHandle): void;
  defaultRoot(display: DisplayHandle): XId;
  internAtom(display: DisplayHandle, name: string): XId;
  /** The window that has the keyboard focus: NONE, POINTER_ROOT or a window id. */
  inputFocus(display: DisplayHandle): XId;
  /** Parent and children of a window, or undefined when the window is gone. */
  queryTree(display: DisplayHandle, window: XId): { parent: XId; children: XId[] } | undefined;
  /** The top-level child of root under the pointer (what POINTER_ROOT focus types into). */
  pointerChild(display: DisplayHandle, root: XId): XId;
  getProperty(display: DisplayHandle, window: XId, property: XId): WindowProperty | undefined;
  hasXTest(display: DisplayHandle): boolean;
  keysymToKeycode(display: DisplayHandle, keysym: number): number;
  /** The keysym a keycode produces at shift level 0 or 1 (group 0). */
  keycodeToKeysym(display: DisplayHandle, keycode: number, level: number): number;
  fakeKey(display: DisplayHandle, keycode: number, press: boolean): boolean;
  /** The 256-bit vector of keys currently down (XQueryKeymap). */
  keysDown(display: DisplayHandle): Uint8Array;
  flush(display: DisplayHandle): void;
  sync(display: DisplayHandle): void;
  /** The last X protocol error code since the previous call (0 = none), then forgets it. */
  takeError(): number;
}

let loaded: Xlib | undefined;

/**
 * Loads libX11 and libXtst once per process. Throws an Error whose message says which library
 * could not be loaded (the caller turns it into "typing unavailable").
 */
export function openXlib(): Xlib {
  loaded ??= bind();
  return loaded;
}

function bind(): Xlib {
  const x11 = koffi.load('libX11.so.6');
  const xtst = koffi.load('libXtst.so.6');
  koffi.opaque('Display');

  const XOpenDisplay = x11.func('Display *XOpenDisplay(const char *name)');
  const XCloseDisplay = x11.func('int XCloseDisplay(Display *display)');
  const XDefaultRootWindow = x11.func('unsigned long XDefaultRootWindow(Display *display)');
  const XInternAtom = x11.func(
    'unsigned long XInternAtom(Display *display, const char *name, int only_if_exists)',
  );
  const XGetInputFocus = x11.func(
    'int XGetInputFocus(Display *display, _Out_ unsigned long *focus, _Out_ int *revert_to)',
  );
  const XQueryTree = x11.func(
    'int XQueryTree(Display *display, unsigned long w, _Out_ unsigned long *root, _Out_ unsigned long *parent, _Out_ void **children, _Out_ unsigned int *count)',
  );
  const XQueryPointer = x11.func(
    'int XQueryPointer(Display *display, unsigned long w, _Out_ unsigned long *root, _Out_ unsigned long *child, _Out_ int *rx, _Out_ int *ry, _Out_ int *wx, _Out_ int *wy, _Out_ unsigned int *mask)',
  );
  const XGetWindowProperty = x11.func(
    'int XGetWindowProperty(Display *display, unsigned long w, unsigned long property, long offset, long length, int del, unsigned long req_type, _Out_ unsigned long *actual_type, _Out_ int *actual_format, _Out_ unsigned long *nitems, _Out_ unsigned long *bytes_after, _Out_ void **prop)',
  );
  const XFree = x11.func('int XFree(void *data)');
  const XKeysymToKeycode = x11.func(
    'unsigned char XKeysymToKeycode(Display *display, unsigned long keysym)',
  );
  const XkbKeycodeToKeysym = x11.func(
    'unsigned long XkbKeycodeToKeysym(Display *display, unsigned char keycode, int group, int level)',
  );
  const XQueryKeymap = x11.func('int XQueryKeymap(Display *display, _Out_ uint8_t *keys)');
  const XFlush = x11.func('int XFlush(Display *display)');
  const XSync = x11.func('int XSync(Display *display, int discard)');
  const XSetErrorHandler = x11.func('void *XSetErrorHandler(void *handler)');
  const XTestQueryExtension = xtst.func(
    'int XTestQueryExtension(Display *display, _Out_ int *event_base, _Out_ int *error_base, _Out_ int *major, _Out_ int *minor)',
  );
  const XTestFakeKeyEvent = xtst.func(
    'int XTestFakeKeyEvent(Display *display, unsigned int keycode, int is_press, unsigned long delay)',
  );

  // XErrorEvent: int type; Display *display; XID resourceid; unsigned long serial;
  // unsigned char error_code; ... — only error_code is read.
  const XErrorEvent = koffi.struct('XErrorEvent', {
    type: 'int',
    display: 'void *',
    resourceid: 'unsigned long',
    serial: 'unsigned long',
    error_code: 'uint8_t',
    request_code: 'uint8_t',
    minor_code: 'uint8_t',
  });
  const ErrorHandler = koffi.proto('int XErrorHandlerProto(void *display, XErrorEvent *event)');
  let lastError = 0;
  // Registered for the life of the process: Xlib keeps calling it.
  const handler = koffi.register((_display: unknown, event: unknown) => {
    const decoded = koffi.decode(event, XErrorEvent) as { error_code: number };
    lastError = decoded.error_code || 1;
    return 0;
  }, koffi.pointer(ErrorHandler));
  XSetErrorHandler(handler);

  const ULONG = 'unsigned long';

  return {
    openDisplay: (name) => (XOpenDisplay(name ?? null) as DisplayHandle | null) ?? undefined,
    closeDisplay: (display) => void XCloseDisplay(display),
    defaultRoot: (display) => Number(XDefaultRootWindow(display)),
    internAtom: (display, name) => Number(XInternAtom(display, name, 0)),
    inputFocus: (display) => {
      const focus = [0];
      const revert = [0];
      XGetInputFocus(display, focus, revert);
      return Number(focus[0]);
    },
    queryTree: (display, window) => {
      const root = [0];
      const parent = [0];
      const children = [null];
      const count = [0];
      lastError = 0;
      const ok = XQueryTree(display, window, root, parent, children, count);
      if (!ok || lastError) return undefined;
      const list = children[0];
      const n = Number(count[0]);
      const ids = list && n > 0 ? (koffi.decode(list, ULONG, n) as number[]).map(Number) : [];
      if (list) XFree(list);
      return { parent: Number(parent[0]), children: ids };
    },
    pointerChild: (display, root) => {
      const out = { root: [0], child: [0], i: [0], m: [0] };
      XQueryPointer(display, root, out.root, out.child, out.i, out.i, out.i, out.i, out.m);
      return Number(out.child[0]);
    },
    getProperty: (display, window, property) => {
      const type = [0];
      const format = [0];
      const items = [0];
      const after = [0];
      const data = [null];
      lastError = 0;
      const status = XGetWindowProperty(
        display,
        window,
        property,
        0,
        4096,
        0,
        ANY_PROPERTY_TYPE,
        type,
        format,
        items,
        after,
        data,
      );
      const pointer = data[0];
      try {
        if (status !== SUCCESS || lastError || !pointer || Number(type[0]) === NONE)
          return undefined;
        const unit = Number(format[0]) === 8 ? 1 : Number(format[0]) === 16 ? 2 : 8;
        const length = Number(items[0]) * unit;
        const bytes = new Uint8Array(koffi.decode(pointer, 'uint8_t', length) as number[]);
        return { type: Number(type[0]), format: Number(format[0]), bytes };
      } finally {
        if (pointer) XFree(pointer);
      }
    },
    hasXTest: (display) => {
      const a = [0];
      return Boolean(XTestQueryExtension(display, a, a, a, a));
    },
    keysymToKeycode: (display, keysym) => Number(XKeysymToKeycode(display, keysym)),
    keycodeToKeysym: (display, keycode, level) =>
      Number(XkbKeycodeToKeysym(display, keycode, 0, level)),
    fakeKey: (display, keycode, press) =>
      Boolean(XTestFakeKeyEvent(display, keycode, press ? 1 : 0, 0)),
    keysDown: (display) => {
      const keys = new Uint8Array(32);
      XQueryKeymap(display, keys);
      return keys;
    },
    flush: (display) => void XFlush(display),
    sync: (display) => void XSync(display, 0),
    takeError: () => {
      const error = lastError;
      lastError = 0;
      return error;
    },
  };
}
