// The Windows clipboard adapter: the code written through Win32 with the three markers that keep
// it out of clipboard history and cloud sync, against a fake user32/kernel32 (in memory, then a C
// fake called through the real koffi declarations). Every failure must still copy the code,
// through the Electron adapter. What Windows itself does with the markers is not tested here.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import koffi from 'koffi';
import type { LibraryHandle } from 'koffi';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Clipboard } from '../../../main/app/ports/clipboard';
import {
  CAN_INCLUDE_IN_HISTORY,
  CAN_UPLOAD_TO_CLOUD,
  CF_UNICODETEXT,
  EXCLUDE_FROM_MONITORING,
  GMEM_MOVEABLE,
  OPEN_ATTEMPTS,
  OPEN_RETRY_MS,
  bindWin32ClipboardApi,
  createWin32Clipboard,
  hwndFromHandle,
  utf16z,
} from '../../../main/platform/win32/clipboard';
import type { Win32ClipboardApi, Win32Pointer } from '../../../main/platform/win32/clipboard';
import { skipWithout } from '../../support/tools';

interface Block {
  bytes: Uint8Array;
  locks: number;
  freed: boolean;
  ownedByClipboard: boolean;
}

type FailingCall =
  'emptyClipboard' | 'registerFormat' | 'globalAlloc' | 'globalLock' | 'setClipboardData';

/** user32 + kernel32 in memory: the clipboard's formats, global blocks, and misuse counted. */
class FakeWin32 implements Win32ClipboardApi {
  busyFor = 0;
  open = false;
  openCalls = 0;
  closeCalls = 0;
  owners: bigint[] = [];
  misuse: string[] = [];
  /** Fail the nth call (1-based) of a function. */
  failAt: Partial<Record<FailingCall, number>> = {};
  calls: Record<FailingCall, number> = {
    emptyClipboard: 0,
    registerFormat: 0,
    globalAlloc: 0,
    globalLock: 0,
    setClipboardData: 0,
  };
  blocks: Block[] = [];
  registered = new Map<string, number>();
  data = new Map<number, Block>();

  private fails(call: FailingCall): boolean {
    return ++this.calls[call] === this.failAt[call];
  }
  private block(memory: Win32Pointer): Block {
    const block = memory as Block;
    if (!this.blocks.includes(block) || block.freed) this.misuse.push('bad HGLOBAL');
    return block;
  }

  openClipboard(owner: bigint) {
    this.openCalls++;
    this.owners.push(owner);
    if (this.busyFor > 0) {
      this.busyFor--;
      return false;
    }
    if (this.open) this.misuse.push('opened twice');
    this.open = true;
    return true;
  }
  emptyClipboard() {
    if (!this.open) this.misuse.push('EmptyClipboard while closed');
    if (this.fails('emptyClipboard')) return false;
    this.data.clear();
    return true;
  }
  closeClipboard() {
    this.closeCalls++;
    if (!this.open) this.misuse.push('CloseClipboard while closed');
    this.open = false;
    return true;
  }
  registerFormat(name: string) {
    if (this.fails('registerFormat')) return 0;
    if (!this.registered.has(name)) this.registered.set(name, 0xc000 + this.registered.size);
    return this.registered.get(name)!;
  }
  globalAlloc(bytes: number) {
    if (this.fails('globalAlloc')) return null;
    const block = { bytes: new Uint8Array(bytes), locks: 0, freed: false, ownedByClipboard: false };
    this.blocks.push(block);
    return block;
  }
  globalLock(memory: Win32Pointer) {
    const block = this.block(memory);
    if (this.fails('globalLock')) return null;
    block.locks++;
    return { lockedFrom: block };
  }
  write(pointer: Win32Pointer, bytes: Uint8Array) {
    const { lockedFrom } = pointer as { lockedFrom: Block };
    if (lockedFrom.locks === 0) this.misuse.push('write to an unlocked block');
    if (bytes.length > lockedFrom.bytes.length) this.misuse.push('overrun');
    lockedFrom.bytes.set(bytes);
  }
  globalUnlock(memory: Win32Pointer) {
    const block = this.block(memory);
    if (block.locks === 0) this.misuse.push('unlock without lock');
    block.locks--;
  }
  globalFree(memory: Win32Pointer) {
    const block = this.block(memory);
    if (block.ownedByClipboard) this.misuse.push('freed a block the clipboard owns');
    block.freed = true;
    return null;
  }
  setClipboardData(format: number, memory: Win32Pointer) {
    const block = this.block(memory);
    if (!this.open) this.misuse.push('SetClipboardData while closed');
    if (block.locks !== 0) this.misuse.push('SetClipboardData on a locked block');
    if (this.fails('setClipboardData')) return null;
    block.ownedByClipboard = true;
    this.data.set(format, block);
    return memory;
  }

  text(): string | undefined {
    const block = this.data.get(CF_UNICODETEXT);
    if (!block) return undefined;
    const units = new Uint16Array(block.bytes.buffer.slice(0));
    const end = units.indexOf(0);
    return end < 0 ? '(no terminator)' : String.fromCharCode(...units.subarray(0, end));
  }
  marker(name: string): Uint8Array | undefined {
    const format = this.registered.get(name);
    return format === undefined ? undefined : this.data.get(format)?.bytes;
  }
  leaked(): number {
    return this.blocks.filter((b) => !b.freed && !b.ownedByClipboard).length;
  }
  freed(): number {
    return this.blocks.filter((b) => b.freed).length;
  }
}

/** The Electron adapter: what it was asked to write. */
function fakeElectron(): Clipboard & { written: string[] } {
  const written: string[] = [];
  return {
    written,
    writeText: async (text) => void written.push(text),
    readText: async () => 'from electron',
    clear: async () => void written.push('(cleared)'),
  };
}

function setup(api: FakeWin32 | (() => never)) {
  const electron = fakeElectron();
  const sleeps: number[] = [];
  const fallbacks: Error[] = [];
  const clipboard = createWin32Clipboard({
    fallback: electron,
    load: typeof api === 'function' ? api : () => api,
    sleep: async (ms) => void sleeps.push(ms),
    onFallback: (error) => fallbacks.push(error),
  });
  return { clipboard, electron, sleeps, fallbacks };
}

const MARKERS = [EXCLUDE_FROM_MONITORING, CAN_INCLUDE_IN_HISTORY, CAN_UPLOAD_TO_CLOUD];

describe('Windows clipboard adapter (fake user32/kernel32)', () => {
  it.each([
    ['digits', '123456'],
    ['emoji and CJK', '🔐 コード 𠀋 482 913'],
    ['empty', ''],
  ])('writes the %s text as CF_UNICODETEXT and the three markers as DWORD 0', async (_n, text) => {
    const win = new FakeWin32();
    const { clipboard, electron, fallbacks } = setup(win);
    await clipboard.writeText(text);
    expect(win.text()).toBe(text);
    expect(win.data.get(CF_UNICODETEXT)!.bytes.length).toBe((text.length + 1) * 2);
    for (const name of MARKERS) expect(win.marker(name)).toEqual(new Uint8Array(4));
    expect(win.data.size).toBe(4);
    expect(win.closeCalls).toBe(1);
    expect(win.open).toBe(false);
    expect(win.freed()).toBe(0);
    expect(win.leaked()).toBe(0);
    expect(win.misuse).toEqual([]);
    expect(electron.written).toEqual([]);
    expect(fallbacks).toEqual([]);
  });

  it('replaces what was on the clipboard (EmptyClipboard first)', async () => {
    const win = new FakeWin32();
    const { clipboard } = setup(win);
    await clipboard.writeText('111111');
    await clipboard.writeText('222222');
    expect(win.text()).toBe('222222');
    expect(win.data.size).toBe(4);
    expect(win.closeCalls).toBe(2);
  });

  it('opens the clipboard as our window (the owner SetClipboardData needs), else as no window', async () => {
    const api = new FakeWin32();
    await setup(api).clipboard.writeText('123456');
    expect(api.owners).toEqual([0n]);
    const owned = createWin32Clipboard({
      fallback: fakeElectron(),
      load: () => api,
      owner: () => 0x2a0b4cn,
    });
    await owned.writeText('654321');
    expect(api.owners.at(-1)).toBe(0x2a0b4cn);
    // Electron gives the HWND as 8 bytes on 64-bit Windows, 4 on 32-bit.
    const small = Buffer.alloc(4);
    small.writeUInt32LE(0x00c0ffee);
    expect(hwndFromHandle(small)).toBe(0xc0ffeen);
    expect(hwndFromHandle(Buffer.alloc(0))).toBe(0n);
  });

  it('retries OpenClipboard while another app holds it, with a short pause', async () => {
    const win = new FakeWin32();
    win.busyFor = OPEN_ATTEMPTS - 1;
    const { clipboard, electron, sleeps } = setup(win);
    await clipboard.writeText('654321');
    expect(win.text()).toBe('654321');
    expect(win.openCalls).toBe(OPEN_ATTEMPTS);
    expect(sleeps).toEqual(Array(OPEN_ATTEMPTS - 1).fill(OPEN_RETRY_MS));
    expect(electron.written).toEqual([]);
  });

  it('falls back to Electron when the clipboard stays busy, without closing what it never opened', async () => {
    const win = new FakeWin32();
    win.busyFor = OPEN_ATTEMPTS;
    const { clipboard, electron, fallbacks } = setup(win);
    await clipboard.writeText('654321');
    expect(win.openCalls).toBe(OPEN_ATTEMPTS);
    expect(win.closeCalls).toBe(0);
    expect(win.blocks).toEqual([]);
    expect(electron.written).toEqual(['654321']);
    expect(fallbacks[0]!.message).toMatch(/OpenClipboard failed 5 times/);
  });

  it('falls back to Electron when the DLLs do not load, and does not try to load them again', async () => {
    let loads = 0;
    const { clipboard, electron, fallbacks } = setup(() => {
      loads++;
      throw new Error('user32.dll: cannot open shared object file');
    });
    await clipboard.writeText('111111');
    await clipboard.writeText('222222');
    expect(loads).toBe(1);
    expect(electron.written).toEqual(['111111', '222222']);
    expect(fallbacks[0]!.message).toMatch(/could not be loaded: user32\.dll/);
  });

  // Each call that can fail, at the text (1st) and at a marker (later): the clipboard is closed
  // and left empty, every block not taken by the system is freed, and Electron copies the code.
  it.each<[string, Partial<Record<FailingCall, number>>, RegExp, number]>([
    ['EmptyClipboard', { emptyClipboard: 1 }, /EmptyClipboard failed/, 0],
    ['GlobalAlloc of the text', { globalAlloc: 1 }, /GlobalAlloc for CF_UNICODETEXT/, 0],
    ['GlobalLock of the text', { globalLock: 1 }, /GlobalLock for CF_UNICODETEXT/, 1],
    ['SetClipboardData of the text', { setClipboardData: 1 }, /SetClipboardData\(CF_UNI/, 1],
    ['RegisterClipboardFormatW', { registerFormat: 2 }, /RegisterClipboardFormatW\(CanInc/, 0],
    ['GlobalAlloc of a marker', { globalAlloc: 3 }, /GlobalAlloc for CanInclude/, 0],
    ['GlobalLock of a marker', { globalLock: 4 }, /GlobalLock for CanUpload/, 1],
    ['SetClipboardData of a marker', { setClipboardData: 4 }, /SetClipboardData\(CanUp/, 1],
  ])(
    '%s fails: falls back to Electron, closed, freed only what it still owned',
    async (_name, failAt, message, freed) => {
      const win = new FakeWin32();
      win.failAt = failAt;
      const { clipboard, electron, fallbacks } = setup(win);
      await clipboard.writeText('987 654');
      expect(electron.written).toEqual(['987 654']);
      expect(fallbacks[0]!.message).toMatch(message);
      expect(win.closeCalls).toBe(1);
      expect(win.open).toBe(false);
      // No unmarked text left for clipboard history to record when the clipboard closes.
      expect(win.data.size).toBe(0);
      expect(win.freed()).toBe(freed);
      expect(win.leaked()).toBe(0);
      expect(win.misuse).toEqual([]);
    },
  );

  it('falls back to Electron when the Electron-free path throws unexpectedly', async () => {
    const win = new FakeWin32();
    win.write = () => {
      throw new Error('access violation');
    };
    const { clipboard, electron } = setup(win);
    await clipboard.writeText('135790');
    expect(electron.written).toEqual(['135790']);
    expect(win.open).toBe(false);
    expect(win.leaked()).toBe(0);
    expect(win.blocks[0]!.locks).toBe(0);
  });

  it('readText and clear go to the Electron adapter', async () => {
    const { clipboard, electron } = setup(new FakeWin32());
    expect(await clipboard.readText()).toBe('from electron');
    await clipboard.clear();
    expect(electron.written).toEqual(['(cleared)']);
  });

  it('utf16z: little-endian code units and a NUL terminator', () => {
    expect([...utf16z('A€😀')]).toEqual([0x41, 0, 0xac, 0x20, 0x3d, 0xd8, 0x00, 0xde, 0, 0]);
  });
});

const hasCompiler = !skipWithout('cc');

describe.skipIf(!hasCompiler)(
  'Windows clipboard binding through koffi (fake DLLs built with cc)',
  () => {
    let dir: string;
    let lib: LibraryHandle;
    let fake: {
      reset: (busy: number, failAlloc: number, failSet: number) => void;
      openCalls: () => number;
      closeCalls: () => number;
      misuse: () => number;
      ownerWasNull: () => number;
      lastOwner: () => bigint | number;
      lastAllocFlags: () => number;
      setCount: () => number;
      setFormat: (i: number) => number;
      setSize: (i: number) => number;
      setByte: (i: number, at: number) => number;
      leaked: () => number;
      freed: () => number;
      formatName: (format: number, out: Uint16Array) => void;
    };

    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'trayotp-clipboard-ffi-'));
      const library = join(dir, 'fake-win32-clipboard.so');
      const source = fileURLToPath(new URL('./native/fake-win32-clipboard.c', import.meta.url));
      execFileSync('cc', ['-shared', '-fPIC', '-O1', '-o', library, source]);
      lib = koffi.load(library);
      fake = {
        reset: lib.func('void fake_reset(int busy, int fail_alloc, int fail_set)'),
        openCalls: lib.func('int fake_open_calls()'),
        closeCalls: lib.func('int fake_close_calls()'),
        misuse: lib.func('int fake_misuse()'),
        ownerWasNull: lib.func('int fake_owner_was_null()'),
        lastOwner: lib.func('uint64 fake_last_owner()'),
        lastAllocFlags: lib.func('uint32 fake_last_alloc_flags()'),
        setCount: lib.func('int fake_set_count()'),
        setFormat: lib.func('uint32 fake_set_format(int i)'),
        setSize: lib.func('size_t fake_set_size(int i)'),
        setByte: lib.func('int fake_set_byte(int i, int at)'),
        leaked: lib.func('int fake_leaked()'),
        freed: lib.func('int fake_freed()'),
        formatName: lib.func('void fake_format_name(uint32 format, _Out_ uint16 *out)'),
      };
    });
    afterAll(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });
    beforeEach(() => fake.reset(0, 0, 0));

    function setupNative(owner?: bigint) {
      const electron = fakeElectron();
      const clipboard = createWin32Clipboard({
        fallback: electron,
        load: () => bindWin32ClipboardApi(lib, lib),
        sleep: async () => undefined,
        ...(owner !== undefined && { owner: () => owner }),
      });
      return { clipboard, electron };
    }

    it('hands our window to OpenClipboard as the owner (the HWND bytes Electron gives)', async () => {
      const handle = Buffer.alloc(8);
      handle.writeBigUInt64LE(0x1a2b3c4dn);
      const { clipboard, electron } = setupNative(hwndFromHandle(handle));
      await clipboard.writeText('123456');
      expect(electron.written).toEqual([]);
      expect(BigInt(fake.lastOwner())).toBe(0x1a2b3c4dn);
    });
    const bytesOf = (i: number) =>
      Uint8Array.from({ length: Number(fake.setSize(i)) }, (_, at) => fake.setByte(i, at));
    const nameOf = (format: number) => {
      const out = new Uint16Array(64);
      fake.formatName(format, out);
      return String.fromCharCode(...out.subarray(0, out.indexOf(0)));
    };

    it.each([
      ['digits', '123456'],
      ['emoji and CJK', '🔐 コード 𠀋 482 913'],
    ])(
      '%s: the text and the three named formats cross the FFI boundary intact',
      async (_n, text) => {
        const { clipboard, electron } = setupNative();
        await clipboard.writeText(text);
        expect(electron.written).toEqual([]);
        expect(fake.ownerWasNull()).toBe(1);
        expect(fake.lastAllocFlags()).toBe(GMEM_MOVEABLE);
        expect(fake.setCount()).toBe(4);
        expect(fake.setFormat(0)).toBe(CF_UNICODETEXT);
        expect(bytesOf(0)).toEqual(utf16z(text));
        expect([1, 2, 3].map((i) => nameOf(fake.setFormat(i)))).toEqual(MARKERS);
        for (const i of [1, 2, 3]) expect(bytesOf(i)).toEqual(new Uint8Array(4));
        expect(fake.closeCalls()).toBe(1);
        expect(fake.freed()).toBe(0);
        expect(fake.leaked()).toBe(0);
        expect(fake.misuse()).toBe(0);
      },
    );

    it('busy clipboard: retried, then written', async () => {
      fake.reset(2, 0, 0);
      const { clipboard, electron } = setupNative();
      await clipboard.writeText('246810');
      expect(fake.openCalls()).toBe(3);
      expect(bytesOf(0)).toEqual(utf16z('246810'));
      expect(electron.written).toEqual([]);
    });

    it.each([
      ['GlobalAlloc (a marker)', 0, 3, 0, 0],
      ['SetClipboardData (the text)', 0, 0, 1, 1],
      ['SetClipboardData (a marker)', 0, 0, 3, 1],
      ['OpenClipboard (always busy)', 99, 0, 0, 0],
    ])(
      '%s fails: freed only what was not handed over, closed, Electron copies',
      async (_name, busy, failAlloc, failSet, freed) => {
        fake.reset(busy, failAlloc, failSet);
        const { clipboard, electron } = setupNative();
        await clipboard.writeText('112233');
        expect(electron.written).toEqual(['112233']);
        expect(fake.setCount()).toBe(0);
        expect(fake.closeCalls()).toBe(busy ? 0 : 1);
        expect(fake.freed()).toBe(freed);
        expect(fake.leaked()).toBe(0);
        expect(fake.misuse()).toBe(0);
      },
    );
  },
);
