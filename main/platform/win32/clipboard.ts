// Clipboard port for Windows: the code is written through Win32 (user32 + kernel32 via koffi) so
// it can carry the three registered formats that keep it out of clipboard history (Win+V) and
// cloud clipboard sync, which Electron's clipboard API cannot set (docs/security.md):
// - ExcludeClipboardContentFromMonitorProcessing (any data): monitors and history skip the entry;
// - CanIncludeInClipboardHistory = DWORD 0: not kept in Win+V history;
// - CanUploadToCloudClipboard = DWORD 0: not synced to other devices.
// readText and clear go to the Electron adapter (nothing to mark there).
//
// Copying must never break because of this: ANY failure (the DLLs do not load, another app holds
// the clipboard for longer than the retries, an allocation or SetClipboardData fails) ends in the
// Electron adapter's writeText, which copies the code without the markers.
import koffi from 'koffi';
import type { LibraryHandle } from 'koffi';
import type { Clipboard } from '../../app/ports/clipboard';

/** An HGLOBAL or a locked pointer: opaque koffi pointers (never NULL here; NULL reads as null). */
export type Win32Pointer = unknown;

/** The Win32 calls, one for one (koffi in the app, a fake in tests). */
export interface Win32ClipboardApi {
  /**
   * OpenClipboard(owner): false when another window has it open. The owner is a window of ours
   * (its HWND as an integer): after OpenClipboard(NULL), EmptyClipboard leaves the clipboard with
   * no owner and SetClipboardData fails (Microsoft's documentation; clipboard libraries such as
   * pyperclip create a window for this reason). 0n means NULL, for when no window exists yet.
   */
  openClipboard(owner: bigint): boolean;
  emptyClipboard(): boolean;
  closeClipboard(): boolean;
  /** RegisterClipboardFormatW: the format id, 0 on failure. */
  registerFormat(name: string): number;
  /** GlobalAlloc(GMEM_MOVEABLE, bytes), or null. */
  globalAlloc(bytes: number): Win32Pointer | null;
  /** GlobalLock, or null. */
  globalLock(memory: Win32Pointer): Win32Pointer | null;
  /** Copies bytes to a locked pointer (no Win32 call: koffi writes the memory). */
  write(pointer: Win32Pointer, bytes: Uint8Array): void;
  globalUnlock(memory: Win32Pointer): void;
  /** GlobalFree: null when freed, the handle back on failure. */
  globalFree(memory: Win32Pointer): Win32Pointer | null;
  /** SetClipboardData: the handle on success (the system then owns it), null on failure. */
  setClipboardData(format: number, memory: Win32Pointer): Win32Pointer | null;
}

export const CF_UNICODETEXT = 13;
export const GMEM_MOVEABLE = 0x0002;
export const EXCLUDE_FROM_MONITORING = 'ExcludeClipboardContentFromMonitorProcessing';
export const CAN_INCLUDE_IN_HISTORY = 'CanIncludeInClipboardHistory';
export const CAN_UPLOAD_TO_CLOUD = 'CanUploadToCloudClipboard';
/** Attempts at OpenClipboard, and the pause between them: clipboard managers hold it briefly. */
export const OPEN_ATTEMPTS = 5;
export const OPEN_RETRY_MS = 20;

export interface Win32ClipboardOptions {
  /** Where readText/clear go, and writeText when Win32 fails. */
  fallback: Clipboard;
  load?: () => Win32ClipboardApi;
  sleep?: (ms: number) => Promise<void>;
  /** Told why a write fell back to Electron (the copy itself still happened). */
  onFallback?: (error: Error) => void;
  /** The HWND of one of our windows, to own the clipboard while we write it (0n: none). */
  owner?: () => bigint;
}

export function createWin32Clipboard(options: Win32ClipboardOptions): Clipboard {
  const { fallback } = options;
  const load = options.load ?? loadWin32ClipboardApi;
  const sleep = options.sleep ?? ((ms) => new Promise<void>((done) => setTimeout(done, ms)));
  let api: Win32ClipboardApi | Error | undefined;
  return {
    async writeText(text) {
      try {
        api ??= loadOnce(load);
        if (api instanceof Error) throw api;
        await writeMarked(api, text, sleep, options.owner?.() ?? 0n);
      } catch (error) {
        options.onFallback?.(error as Error);
        await fallback.writeText(text);
      }
    },
    readText: () => fallback.readText(),
    clear: () => fallback.clear(),
  };
}

/** A library that fails to load will not load on the next copy either: remember the error. */
function loadOnce(load: () => Win32ClipboardApi): Win32ClipboardApi | Error {
  try {
    return load();
  } catch (error) {
    return new Error(
      `The Windows clipboard functions could not be loaded: ${(error as Error).message}`,
    );
  }
}

async function writeMarked(
  api: Win32ClipboardApi,
  text: string,
  sleep: (ms: number) => Promise<void>,
  owner: bigint,
): Promise<void> {
  await openWithRetries(api, sleep, owner);
  let complete = false;
  try {
    if (!api.emptyClipboard()) throw new Error('EmptyClipboard failed');
    setGlobal(api, CF_UNICODETEXT, utf16z(text), 'CF_UNICODETEXT');
    const zero = new Uint8Array(4); // DWORD 0; any data will do for the Exclude format
    for (const name of [EXCLUDE_FROM_MONITORING, CAN_INCLUDE_IN_HISTORY, CAN_UPLOAD_TO_CLOUD]) {
      const format = api.registerFormat(name);
      if (!format) throw new Error(`RegisterClipboardFormatW(${name}) failed`);
      setGlobal(api, format, zero, name);
    }
    complete = true;
  } finally {
    // Text set without all three markers would be recorded by clipboard history when the
    // clipboard closes, and the Electron fallback writes it again: leave nothing half-marked.
    if (!complete) api.emptyClipboard();
    api.closeClipboard();
  }
}

async function openWithRetries(
  api: Win32ClipboardApi,
  sleep: (ms: number) => Promise<void>,
  owner: bigint,
): Promise<void> {
  for (let attempt = 1; attempt <= OPEN_ATTEMPTS; attempt++) {
    if (api.openClipboard(owner)) return;
    if (attempt < OPEN_ATTEMPTS) await sleep(OPEN_RETRY_MS);
  }
  throw new Error(`OpenClipboard failed ${OPEN_ATTEMPTS} times: another app holds the clipboard`);
}

/** One format's data in a movable global block; freed here unless the system took it. */
function setGlobal(api: Win32ClipboardApi, format: number, bytes: Uint8Array, name: string): void {
  const memory = api.globalAlloc(bytes.length);
  if (!memory) throw new Error(`GlobalAlloc for ${name} failed`);
  let owned = false;
  try {
    const pointer = api.globalLock(memory);
    if (!pointer) throw new Error(`GlobalLock for ${name} failed`);
    try {
      api.write(pointer, bytes);
    } finally {
      api.globalUnlock(memory);
    }
    if (!api.setClipboardData(format, memory)) throw new Error(`SetClipboardData(${name}) failed`);
    owned = true;
  } finally {
    if (!owned) api.globalFree(memory);
  }
}

/** The text as UTF-16LE with a NUL terminator, as CF_UNICODETEXT requires. */
export function utf16z(text: string): Uint8Array {
  const bytes = new Uint8Array((text.length + 1) * 2);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < text.length; i++) view.setUint16(i * 2, text.charCodeAt(i), true);
  return bytes;
}

let bound: Win32ClipboardApi | undefined;

/** Loads user32.dll and kernel32.dll once per process; throws when they cannot be loaded. */
export function loadWin32ClipboardApi(): Win32ClipboardApi {
  bound ??= bindWin32ClipboardApi(koffi.load('user32.dll'), koffi.load('kernel32.dll'));
  return bound;
}

/**
 * The koffi binding (in tests, a library with the same exports). HANDLE, HGLOBAL and LPVOID are
 * `void *`, the owner HWND an intptr_t; UINT and DWORD are uint32, BOOL is int, SIZE_T is size_t.
 */
export function bindWin32ClipboardApi(
  user32: LibraryHandle,
  kernel32: LibraryHandle,
): Win32ClipboardApi {
  // The HWND goes as a pointer-sized integer: Electron hands it over as bytes, read into a BigInt.
  const OpenClipboard = user32.func('int __stdcall OpenClipboard(intptr_t hWndNewOwner)');
  const EmptyClipboard = user32.func('int __stdcall EmptyClipboard()');
  const CloseClipboard = user32.func('int __stdcall CloseClipboard()');
  const RegisterClipboardFormatW = user32.func(
    'uint32 __stdcall RegisterClipboardFormatW(const char16_t *lpszFormat)',
  );
  const SetClipboardData = user32.func(
    'void * __stdcall SetClipboardData(uint32 uFormat, void *hMem)',
  );
  const GlobalAlloc = kernel32.func('void * __stdcall GlobalAlloc(uint32 uFlags, size_t dwBytes)');
  const GlobalLock = kernel32.func('void * __stdcall GlobalLock(void *hMem)');
  const GlobalUnlock = kernel32.func('int __stdcall GlobalUnlock(void *hMem)');
  const GlobalFree = kernel32.func('void * __stdcall GlobalFree(void *hMem)');
  return {
    openClipboard: (owner) => OpenClipboard(owner) !== 0,
    emptyClipboard: () => EmptyClipboard() !== 0,
    closeClipboard: () => CloseClipboard() !== 0,
    registerFormat: (name) => Number(RegisterClipboardFormatW(name)),
    globalAlloc: (bytes) => (GlobalAlloc(GMEM_MOVEABLE, bytes) as Win32Pointer) ?? null,
    globalLock: (memory) => (GlobalLock(memory) as Win32Pointer) ?? null,
    write: (pointer, bytes) => koffi.encode(pointer, 'uint8', Array.from(bytes), bytes.length),
    globalUnlock: (memory) => void GlobalUnlock(memory),
    globalFree: (memory) => (GlobalFree(memory) as Win32Pointer) ?? null,
    setClipboardData: (format, memory) =>
      (SetClipboardData(format, memory) as Win32Pointer) ?? null,
  };
}

/** The HWND in the bytes Electron's getNativeWindowHandle() returns (4 or 8, little-endian). */
export function hwndFromHandle(handle: Buffer): bigint {
  if (handle.length >= 8) return handle.readBigUInt64LE(0);
  if (handle.length >= 4) return BigInt(handle.readUInt32LE(0));
  return 0n;
}
