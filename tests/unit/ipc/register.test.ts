// ipcMain wiring: one handler per channel, and every call from a sender that is not one of our
// windows showing our page is refused before the table sees it.
import { describe, expect, it } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { channelOf, METHOD_NAMES } from '../../../preload/contract';
import { registerIpcHandlers, UntrustedSenderError } from '../../../main/ipc/register';
import type { IpcTable } from '../../../main/ipc/table';

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

class FakeIpcMain {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener) {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
}

function event(id: number, url: string | undefined, mainFrame = true): IpcMainInvokeEvent {
  const frame = url === undefined ? null : { url };
  const sender = { id, mainFrame: mainFrame ? frame : { url: 'other' } };
  return { sender, senderFrame: frame } as unknown as IpcMainInvokeEvent;
}

const policy = { windowIds: () => [7], origins: ['file:///app/out/renderer/'] };

describe('registerIpcHandlers', () => {
  it('registers every channel and removes them all', () => {
    const ipc = new FakeIpcMain();
    const table: IpcTable = { invoke: async () => null };
    const unregister = registerIpcHandlers(ipc, table, policy);
    expect([...ipc.handlers.keys()].sort()).toEqual(METHOD_NAMES.map((n) => channelOf(n)).sort());
    unregister();
    expect(ipc.handlers.size).toBe(0);
  });

  it.each([
    ['another webContents', event(8, 'file:///app/out/renderer/index.html')],
    ['a page from elsewhere', event(7, 'https://evil.example/')],
    ['a file outside the app', event(7, 'file:///tmp/evil.html')],
    ['a subframe', event(7, 'file:///app/out/renderer/index.html', false)],
    ['a destroyed frame', event(7, undefined)],
  ])('refuses %s', async (_what, ev) => {
    const ipc = new FakeIpcMain();
    const invoked: string[] = [];
    registerIpcHandlers(ipc, { invoke: async (name) => invoked.push(name) }, policy);
    for (const name of METHOD_NAMES) {
      expect(() => ipc.handlers.get(channelOf(name))!(ev)).toThrow(UntrustedSenderError);
    }
    expect(invoked).toEqual([]);
  });

  it('passes our own window’s calls to the table', async () => {
    const ipc = new FakeIpcMain();
    const invoked: [string, unknown[]][] = [];
    registerIpcHandlers(ipc, { invoke: async (name, args) => invoked.push([name, args]) }, policy);
    await ipc.handlers.get(channelOf('copyCode'))!(
      event(7, 'file:///app/out/renderer/index.html'),
      'a1',
    );
    expect(invoked).toEqual([['copyCode', ['a1']]]);
  });
});
