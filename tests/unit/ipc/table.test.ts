// The IPC handler table: arguments validated per channel before any handler runs, results
// stripped to the contract, errors turned into messages.
import { describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES, methods } from '../../../preload/contract';
import type { AccountView, MethodName } from '../../../preload/contract';
import { createIpcTable, IpcArgumentError } from '../../../main/ipc/table';
import type { Handlers } from '../../../main/ipc/table';

const view: AccountView = {
  id: 'a1',
  type: 'totp',
  issuer: 'GitHub',
  name: 'alice',
  digits: 6,
  period: 30,
  pinned: false,
  tags: [],
  domains: [],
  icon: null,
  lastUsedAt: null,
};

function recordingHandlers() {
  const calls: [string, unknown[]][] = [];
  const handlers = Object.fromEntries(
    METHOD_NAMES.map((name) => [
      name,
      (...args: unknown[]) => {
        calls.push([name, args]);
        return name === 'codes' ? [] : null;
      },
    ]),
  ) as unknown as Handlers;
  return { calls, handlers };
}

/** Bad argument lists for each channel: wrong types, wrong arity, absurd sizes. */
const badArguments: Record<MethodName, unknown[][]> = {
  getState: [['extra']],
  codes: [['now'], [1, 2]],
  copyCode: [[], [42], [''], ['x'.repeat(129)], [{ id: 'a' }], ['a', 'b']],
  typeCode: [[], [null], [['a']]],
  nextHotp: [[], [7]],
  addUri: [[], [42], ['x'.repeat(16_385)], [{ uri: 'otpauth://' }]],
  addManual: [
    [],
    [{}],
    [
      {
        type: 'totp',
        issuer: 'a',
        name: 'b',
        secret: 'C',
        algorithm: 'MD5',
        digits: 6,
        period: 30,
        counter: 0,
      },
    ],
    [
      {
        type: 'yaotp',
        issuer: 'a',
        name: 'b',
        secret: 'C',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
      },
    ],
    [
      {
        type: 'totp',
        issuer: 'a',
        name: 'b',
        secret: 'C',
        algorithm: 'SHA1',
        digits: '6',
        period: 30,
        counter: 0,
      },
    ],
    [
      {
        type: 'totp',
        issuer: 'a',
        name: 'b',
        secret: 'C'.repeat(2049),
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
      },
    ],
  ],
  scanScreen: [[1]],
  scanRegion: [['x']],
  scanImageFile: [['/etc/passwd']],
  scanClipboard: [[true]],
  addScanned: [[], ['s1'], ['s1', []], ['s1', 'c1'], ['s1', [1]]],
  updateAccount: [
    [],
    ['a1'],
    ['a1', { pinned: 'yes' }],
    ['a1', { tags: 'work' }],
    ['a1', { tags: Array(33).fill('t') }],
    ['a1', { params: { digits: 8 } }],
    ['a1', { params: { period: 'x'.repeat(65) } }],
  ],
  previewCode: [[], ['a1'], ['a1', { digits: 8 }], ['a1', { algorithm: 'x'.repeat(65) }], [1, {}]],
  removeAccount: [[], [1]],
  undoRemove: [[], [{}]],
  reorder: [[], ['a1'], [[1, 2]]],
  importPickFile: [['/tmp/file']],
  importPickKeyFile: [[], [1], ['i1', 'extra']],
  importPreview: [[], [1], ['i1', 42], ['i1', '']],
  importCancel: [[], [1], ['i1', 'extra']],
  importConfirm: [
    [],
    ['i1'],
    ['i1', [{ index: -1, action: 'add' }]],
    ['i1', [{ index: 0, action: 'merge' }]],
  ],
  exportVault: [[], ['pdf', {}], ['aegis'], ['aegis', { passphrase: 5 }]],
  createVault: [[''], [5]],
  unlock: [[''], [null], [{ passphrase: 'x' }]],
  lock: [['now']],
  changePassphrase: [[], ['old'], ['old', 5]],
  restoreBackup: [[], ['3'], [-1], [1.5], [1, 2]],
  dismissRollback: [['now']],
  setSettings: [
    [],
    [{ clipboardClearSeconds: -1 }],
    [{ theme: 'blue' }],
    [{ autoLockMinutes: 1.5 }],
  ],
  checkHotkey: [[], [5], ['x'.repeat(65)]],
  regionCancel: [[1]],
  regionSelect: [
    [],
    [{ displayId: '1', x: -1, y: 0, width: 10, height: 10 }],
    [{ displayId: '1', x: 0, y: 0, width: 0, height: 10 }],
  ],
  hideWindow: [[false]],
  directoryStatus: [['all']],
  directorySetEnabled: [[], ['yes'], [1], [true, true]],
  directoryUpdate: [[true]],
  directorySearch: [
    [],
    ['github'],
    [{}],
    [{ text: 5 }],
    [{ text: 'x'.repeat(201) }],
    [{ text: '', category: '' }],
    [{ text: '', category: 'c'.repeat(65) }],
  ],
  // The window names a site, never a URL: a link is not a site id (too long, or not a string).
  directoryOpenDocumentation: [[], [''], [{ url: 'https://example.com' }], ['x'.repeat(129)]],
  clockCheckNow: [['www.google.com']],
  clockSetEnabled: [[], ['yes'], [true, true]],
  clockSetHost: [[], [''], [5], ['h'.repeat(301)]],
  clockSetCorrection: [[], ['always'], ['manual', 301], ['manual', 1.5], ['manual', '5']],
  clockDismissBanner: [[true]],
  codeHelp: [[], [''], [1]],
  hotpResync: [[], ['a1'], ['a1', -1], ['a1', 1.5], ['a1', '3']],
  browserStatus: [['extra']],
  browserList: [[1]],
  browserRevoke: [[], [''], [7], ['x'.repeat(129)]],
  browserPairingAnswer: [[], ['a1'], ['a1', 'yes'], ['', true], [true, 'a1']],
  browserSetEnabled: [[], ['on'], [1]],
  syncStatus: [['extra']],
  syncChooseFolder: [[1]],
  syncStart: [
    [],
    [{ folder: '', deviceName: 'a' }],
    [{ folder: '/x' }],
    [{ folder: '/x', deviceName: 'd'.repeat(201) }],
  ],
  syncJoin: [
    [],
    [{ folder: '/x', deviceName: 'a' }],
    [{ folder: '/x', invitation: 'i'.repeat(513), deviceName: 'a' }],
  ],
  syncCancelJoin: [[true]],
  syncScanInvitation: [['screen']],
  syncInvite: [['now']],
  syncRemoveDevice: [[], ['UPPER'], ['../../etc'], ['a'.repeat(27)]],
  syncLeave: [[1]],
  syncRename: [[], [7], ['n'.repeat(201)]],
  followStatus: [['extra']],
  followChooseFolder: [[1]],
  followStart: [
    [],
    [{ folder: '', password: '', autoAdd: false }],
    [{ folder: '/x', password: 'p'.repeat(1025), autoAdd: false }],
    [{ folder: '/x', password: 'p', autoAdd: 'yes' }],
    [{ folder: '/x'.repeat(3000), password: '', autoAdd: true }],
  ],
  followStop: [[true]],
  followCheckNow: [['now']],
  followMerge: [
    [],
    [{ addIds: ['a'] }],
    [{ addIds: ['x'.repeat(65)], changeIds: [] }],
    [{ addIds: Array(10_001).fill('a'), changeIds: [] }],
  ],
  desktopTyping: [['token']],
  desktopTypingForget: [[true], ['0b6f3c1e-2a4d-4c8e-9f10-5d7a8b9c0d1e']],
};

describe('IPC argument validation', () => {
  const cases = METHOD_NAMES.flatMap((name) =>
    badArguments[name].map((args) => [name, args] as const),
  );

  it('has bad-input cases for every channel', () => {
    for (const name of METHOD_NAMES) expect(badArguments[name].length).toBeGreaterThan(0);
  });

  it.each(cases)('%s(%j) is refused before the handler runs', async (name, args) => {
    const { calls, handlers } = recordingHandlers();
    const table = createIpcTable(handlers, () => undefined);
    await expect(table.invoke(name, args)).rejects.toThrow(IpcArgumentError);
    expect(calls).toEqual([]);
  });

  it('refuses unknown channels', async () => {
    const { handlers } = recordingHandlers();
    const table = createIpcTable(handlers, () => undefined);
    await expect(table.invoke('readSecrets', [])).rejects.toThrow(
      /unknown IPC method "readSecrets"/,
    );
    await expect(table.invoke('__proto__', [])).rejects.toThrow(IpcArgumentError);
  });

  it('passes valid arguments through', async () => {
    const { calls, handlers } = recordingHandlers();
    const table = createIpcTable(handlers, () => undefined);
    await table.invoke('regionSelect', [{ displayId: '1', x: 0, y: 5, width: 10, height: 10 }]);
    await table.invoke('unlock', ['correct horse']);
    expect(calls).toEqual([
      ['regionSelect', [{ displayId: '1', x: 0, y: 5, width: 10, height: 10 }]],
      ['unlock', ['correct horse']],
    ]);
  });
});

describe('IPC results', () => {
  it('strips fields the contract does not list (a secret never reaches the window)', async () => {
    const { handlers } = recordingHandlers();
    handlers.updateAccount = () =>
      ({ ...view, secret: 'JBSWY3DPEHPK3PXP', counter: 3 }) as AccountView;
    const table = createIpcTable(handlers, () => undefined);
    const result = (await table.invoke('updateAccount', ['a1', { pinned: true }])) as {
      value: Record<string, unknown>;
    };
    expect(result.value).toEqual(view);
    expect(JSON.stringify(result)).not.toContain('JBSWY3DPEHPK3PXP');
  });

  it('turns a user error into { ok: false, error } and a bug into a generic message', async () => {
    const { handlers } = recordingHandlers();
    const log = vi.fn();
    handlers.unlock = () => {
      throw new Error('wrong passphrase');
    };
    handlers.lock = () => {
      throw new TypeError('cannot read x of undefined');
    };
    const table = createIpcTable(
      handlers,
      (error) =>
        (error as Error).message === 'wrong passphrase'
          ? { code: 'wrong-passphrase', message: 'The passphrase is wrong.' }
          : undefined,
      log,
    );
    expect(await table.invoke('unlock', ['guess'])).toEqual({
      ok: false,
      error: { code: 'wrong-passphrase', message: 'The passphrase is wrong.' },
    });
    expect(await table.invoke('lock', [])).toEqual({
      ok: false,
      error: {
        code: 'internal',
        message: 'Something went wrong inside TrayOTP; your accounts are unchanged.',
      },
    });
    expect(log).toHaveBeenCalledTimes(1);
  });

  it('rejects for methods that do not return a Result', async () => {
    const { handlers } = recordingHandlers();
    handlers.getState = () => {
      throw new Error('boom');
    };
    const table = createIpcTable(handlers, () => undefined);
    await expect(table.invoke('getState', [])).rejects.toThrow('getState failed');
  });

  it('every contract method has a result schema and an argument tuple', () => {
    for (const name of METHOD_NAMES) {
      expect(methods[name].args.def.type).toBe('tuple');
      expect(methods[name].result).toBeDefined();
    }
  });

  it('wraps what a service returns as { ok: true, value }; plain methods pass it as it is', async () => {
    const { handlers } = recordingHandlers();
    handlers.copyCode = async () => ({ clearsInSeconds: 20 });
    const table = createIpcTable(handlers, () => undefined);
    expect(await table.invoke('copyCode', ['a1'])).toEqual({
      ok: true,
      value: { clearsInSeconds: 20 },
    });
    expect(await table.invoke('lock', [])).toEqual({ ok: true, value: null });
    expect(await table.invoke('codes', [])).toEqual([]);
  });
});
