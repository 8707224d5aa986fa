// An in-memory stand-in for main's AppController, for the UI tests until the real one exists:
// the real OTP engine (parseOtpUri, toAccount, codeFor with an injected clock) and the real
// importers, behind the real IPC handler table (main/ipc/table.ts), which validates every
// argument and parses every result with the contract's zod schemas. Events are parsed with the
// contract's schemas too. Nothing here is a renderer concern: it only answers like main would.
import { events as eventSchemas } from '../../../preload/contract';
import type {
  AccountView,
  AppState,
  CodeView,
  EventName,
  HotkeyAction,
  ImportPreview,
  ManualAccount,
  ScanResult,
  Settings,
  UserError,
} from '../../../preload/contract';
import type { z } from 'zod';
import { codeFor, OtpError, parseOtpUri, toAccount } from '../../../main/otp';
import type { Account } from '../../../main/otp';
import { detectFormat, ImportError, importFile } from '../../../main/importers';
import type { ImportInput, ImportResult, Importer } from '../../../main/importers';
import { createIpcTable } from '../../../main/ipc/table';
import type { Handlers, IpcTable } from '../../../main/ipc/table';

/** A failure the double reports the way main would: a code, a sentence, maybe field messages. */
export class DoubleError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }
}

const OTP_FIELD: Record<string, keyof ManualAccount> = {
  'missing-secret': 'secret',
  'invalid-secret': 'secret',
  'secret-too-long': 'secret',
  'unknown-algorithm': 'algorithm',
  'invalid-digits': 'digits',
  'invalid-period': 'period',
  'missing-counter': 'counter',
  'invalid-counter': 'counter',
  'unsupported-type': 'type',
};

/** Main's error translation, as far as the double needs it. */
export function translateError(error: unknown): UserError | undefined {
  if (error instanceof DoubleError) {
    return {
      code: error.code,
      message: error.message,
      ...(error.fields ? { fields: error.fields } : {}),
    };
  }
  if (error instanceof OtpError) {
    const field =
      error.code === 'label-too-long'
        ? error.message.includes('issuer')
          ? 'issuer'
          : 'name'
        : OTP_FIELD[error.code];
    return {
      code: error.code,
      message: error.message,
      ...(field ? { fields: { [field]: error.message } } : {}),
    };
  }
  if (error instanceof ImportError) return { code: error.code, message: error.message };
  return undefined;
}

interface Entry {
  id: string;
  account: Account;
  pinned: boolean;
  tags: string[];
  lastUsedAt: number | null;
}

export interface PickedFile {
  fileName: string;
  bytes: Uint8Array;
}

export interface DoubleOptions {
  /** Unix ms. */
  clock?: () => number;
  vault?: AppState['vault'];
  passphrase?: string | null;
  keychain?: AppState['keychain'];
  /** otpauth:// links already in the vault. */
  accounts?: string[];
  /** What a screen scan finds (otpauth:// links). */
  screenCodes?: string[];
  /** Accelerators other applications hold: accelerator → application. */
  takenHotkeys?: Record<string, string>;
}

const DEFAULT_SETTINGS: Settings = {
  clipboardClearSeconds: 20,
  autoLockMinutes: 15,
  lockOnScreenLock: true,
  freshCodeSeconds: 3,
  autoStart: false,
  theme: 'system',
  hotkeys: {
    typeCode: 'Control+Alt+Shift+O',
    openPicker: 'Control+Alt+Shift+P',
    scanScreen: 'Control+Alt+Shift+Q',
  },
};

const ACTION_LABEL: Record<HotkeyAction, string> = {
  typeCode: 'TrayOTP: type the current code',
  openPicker: 'TrayOTP: open the picker',
  scanScreen: 'TrayOTP: scan the screen',
};

/** From this many seconds before a code turns, its next code is sent along. */
export const NEXT_CODE_SECONDS = 5;

type Listener = (payload: unknown) => void;

export class ApiDouble {
  readonly clock: () => number;
  vault: AppState['vault'];
  passphrase: string | null;
  keychain: AppState['keychain'];
  settings: Settings;
  screenCodes: string[];
  takenHotkeys: Record<string, string>;
  /** The file the next importPickFile "chooses" (null: the dialog was cancelled). */
  nextPickFile: PickedFile | null = null;
  /** What the clipboard holds after copyCode. */
  clipboard: string | null = null;
  hidden = false;
  regionSelections: unknown[] = [];
  exports: { kind: string; path: string }[] = [];
  private entries: Entry[] = [];
  private nextId = 1;
  private listeners = new Map<string, Set<Listener>>();
  private scans = new Map<string, Map<string, Account>>();
  private removed = new Map<string, { entry: Entry; index: number }>();
  private imports = new Map<
    string,
    { input: ImportInput; importer: Importer; result?: ImportResult }
  >();

  constructor(options: DoubleOptions = {}) {
    this.clock = options.clock ?? Date.now;
    this.vault = options.vault ?? 'unlocked';
    this.passphrase = options.passphrase ?? null;
    this.keychain = options.keychain ?? {
      available: true,
      weak: false,
      backend: 'gnome-libsecret',
    };
    this.settings = structuredClone(DEFAULT_SETTINGS);
    this.screenCodes = options.screenCodes ?? [];
    this.takenHotkeys = options.takenHotkeys ?? {};
    for (const uri of options.accounts ?? []) this.addAccount(parseOtpUri(uri).account);
  }

  /** Every secret the double holds, for the "no secret reaches the window" check. */
  secrets(): string[] {
    return this.entries.map((entry) => entry.account.secret);
  }

  // ---- events ----

  on(event: EventName, listener: Listener): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: z.input<(typeof eventSchemas)[E]>): void {
    const parsed = eventSchemas[event].parse(payload);
    for (const listener of this.listeners.get(event) ?? []) listener(parsed);
  }

  private changed() {
    this.emit('state', this.state());
  }

  // ---- model ----

  private addAccount(account: Account, at = this.entries.length): Entry {
    const entry: Entry = {
      id: `acct-${this.nextId++}`,
      account,
      pinned: false,
      tags: [],
      lastUsedAt: null,
    };
    this.entries.splice(at, 0, entry);
    return entry;
  }

  private view(entry: Entry): AccountView {
    const { account } = entry;
    return {
      id: entry.id,
      type: account.type,
      issuer: account.issuer,
      name: account.name,
      digits: account.digits,
      period: account.period,
      pinned: entry.pinned,
      tags: entry.tags,
      icon: null,
      lastUsedAt: entry.lastUsedAt,
    };
  }

  private find(id: string): Entry {
    const entry = this.entries.find((e) => e.id === id);
    if (!entry) throw new DoubleError('not-found', 'That account no longer exists.');
    return entry;
  }

  private requireUnlocked() {
    if (this.vault !== 'unlocked') {
      throw new DoubleError('locked', 'TrayOTP is locked; unlock it first.');
    }
  }

  private duplicateOf(account: Account): string | null {
    return this.entries.find((e) => e.account.secret === account.secret)?.id ?? null;
  }

  private hotkeyStatuses(): AppState['hotkeys'] {
    return (Object.keys(ACTION_LABEL) as HotkeyAction[]).map((action) => {
      const accelerator = this.settings.hotkeys[action] ?? '';
      const taker = this.takenHotkeys[accelerator];
      return {
        action,
        accelerator,
        registered: !taker,
        error: taker ? `${accelerator} is taken by ${taker}; choose another shortcut.` : null,
      };
    });
  }

  state(): AppState {
    return {
      vault: this.vault,
      keychain: this.keychain,
      passphraseRequired: this.passphrase !== null,
      accounts: this.vault === 'unlocked' ? this.entries.map((e) => this.view(e)) : [],
      settings: this.settings,
      hotkeys: this.hotkeyStatuses(),
    };
  }

  codeAt(entry: Entry, nowMs: number): CodeView {
    const { account } = entry;
    if (account.type === 'hotp') {
      return {
        id: entry.id,
        code: codeFor(account, nowMs / 1000),
        next: null,
        validFrom: nowMs,
        validUntil: null,
      };
    }
    const periodMs = account.period * 1000;
    const validFrom = Math.floor(nowMs / periodMs) * periodMs;
    const validUntil = validFrom + periodMs;
    const next =
      validUntil - nowMs <= NEXT_CODE_SECONDS * 1000 ? codeFor(account, validUntil / 1000) : null;
    return { id: entry.id, code: codeFor(account, nowMs / 1000), next, validFrom, validUntil };
  }

  /** The code an account shows now, for assertions. */
  currentCode(id: string): string {
    return this.codeAt(this.find(id), this.clock()).code;
  }

  idOf(issuer: string): string {
    const entry = this.entries.find((e) => e.account.issuer === issuer);
    if (!entry) throw new Error(`no account with issuer ${issuer}`);
    return entry.id;
  }

  private scanResult(texts: string[]): ScanResult {
    const scanId = `scan-${this.nextId++}`;
    const held = new Map<string, Account>();
    const candidates: ScanResult['candidates'] = [];
    let otherCodes = 0;
    for (const text of texts) {
      try {
        const { account } = parseOtpUri(text);
        const id = `cand-${this.nextId++}`;
        held.set(id, account);
        candidates.push({
          id,
          kind: 'account',
          issuer: account.issuer,
          name: account.name,
          type: account.type,
          count: 1,
          duplicateOf: this.duplicateOf(account),
        });
      } catch {
        otherCodes++;
      }
    }
    this.scans.set(scanId, held);
    return { scanId, candidates, otherCodes };
  }

  // ---- the handlers main implements ----

  readonly handlers: Handlers = {
    getState: () => this.state(),
    codes: (at) => {
      if (this.vault !== 'unlocked') return [];
      const now = at ?? this.clock();
      return this.entries.map((entry) => this.codeAt(entry, now));
    },
    copyCode: (id) => {
      this.requireUnlocked();
      const entry = this.find(id);
      this.clipboard = this.codeAt(entry, this.clock()).code;
      entry.lastUsedAt = this.clock();
      return { ok: true, value: { clearsInSeconds: this.settings.clipboardClearSeconds } };
    },
    typeCode: (id) => {
      this.requireUnlocked();
      this.clipboard = this.codeAt(this.find(id), this.clock()).code;
      return { ok: true, value: { typed: false, copied: true } };
    },
    nextHotp: (id) => {
      this.requireUnlocked();
      const entry = this.find(id);
      if (entry.account.type !== 'hotp') {
        throw new DoubleError(
          'not-hotp',
          'Only counter-based accounts have a next code on request.',
        );
      }
      entry.account = { ...entry.account, counter: entry.account.counter + 1 };
      return { ok: true, value: this.codeAt(entry, this.clock()) };
    },
    addUri: (uri) => {
      this.requireUnlocked();
      const { account, warnings } = parseOtpUri(uri);
      const entry = this.addAccount(account);
      this.changed();
      return { ok: true, value: { account: this.view(entry), warnings } };
    },
    addManual: (fields) => {
      this.requireUnlocked();
      if (!fields.secret.trim()) {
        throw new DoubleError('missing-secret', 'The account needs its secret key.', {
          secret: 'Type the secret key the site shows next to the QR code.',
        });
      }
      if (!fields.issuer.trim() && !fields.name.trim()) {
        throw new DoubleError('missing-label', 'Give the account an issuer or a name.', {
          issuer: 'Type who issued the code (the site), or an account name.',
        });
      }
      const { account, warnings } = toAccount(fields);
      const entry = this.addAccount(account);
      this.changed();
      return { ok: true, value: { account: this.view(entry), warnings } };
    },
    scanScreen: () => ({ ok: true, value: this.scanResult(this.screenCodes) }),
    scanRegion: () => ({ ok: true, value: null }),
    scanImageFile: () => ({ ok: true, value: null }),
    scanClipboard: () => ({ ok: true, value: this.scanResult([]) }),
    addScanned: (scanId, ids) => {
      this.requireUnlocked();
      const held = this.scans.get(scanId);
      if (!held) throw new DoubleError('scan-expired', 'That scan is no longer held; scan again.');
      const added = ids.map((id) => {
        const account = held.get(id);
        if (!account) throw new DoubleError('not-found', 'That code is not part of the scan.');
        return this.view(this.addAccount(account));
      });
      this.scans.delete(scanId);
      this.changed();
      return { ok: true, value: { added } };
    },
    updateAccount: (id, patch) => {
      this.requireUnlocked();
      const entry = this.find(id);
      if (patch.issuer !== undefined || patch.name !== undefined) {
        const issuer = (patch.issuer ?? entry.account.issuer).trim();
        const name = (patch.name ?? entry.account.name).trim();
        if (!issuer && !name) {
          throw new DoubleError('missing-label', 'An account needs an issuer or a name.', {
            issuer: 'Type who issued the code, or an account name.',
          });
        }
        entry.account = { ...entry.account, issuer, name };
      }
      if (patch.tags) entry.tags = patch.tags;
      if (patch.pinned !== undefined) entry.pinned = patch.pinned;
      this.changed();
      return { ok: true, value: this.view(entry) };
    },
    removeAccount: (id) => {
      this.requireUnlocked();
      const index = this.entries.findIndex((e) => e.id === id);
      const entry = this.find(id);
      this.entries.splice(index, 1);
      const undoToken = `undo-${this.nextId++}`;
      this.removed.set(undoToken, { entry, index });
      this.changed();
      return { ok: true, value: { undoToken } };
    },
    undoRemove: (token) => {
      const removed = this.removed.get(token);
      if (!removed) throw new DoubleError('undo-expired', 'It is too late to undo that.');
      this.removed.delete(token);
      this.entries.splice(Math.min(removed.index, this.entries.length), 0, removed.entry);
      this.changed();
      return { ok: true, value: this.view(removed.entry) };
    },
    reorder: (ids) => {
      this.requireUnlocked();
      const known = new Set(this.entries.map((e) => e.id));
      if (ids.length !== known.size || !ids.every((id) => known.delete(id))) {
        throw new DoubleError('bad-order', 'The new order does not list every account once.');
      }
      this.entries = ids.map((id) => this.find(id));
      this.changed();
      return { ok: true, value: null };
    },
    importPickFile: () => {
      const file = this.nextPickFile;
      if (!file) return { ok: true, value: null };
      const input = { fileName: file.fileName, bytes: file.bytes };
      const { importer, encrypted } = detectFormat(input);
      const importId = `import-${this.nextId++}`;
      this.imports.set(importId, { input, importer });
      return {
        ok: true,
        value: { importId, fileName: file.fileName, formatLabel: importer.label, encrypted },
      };
    },
    importPreview: async (importId, password) => {
      const pending = this.imports.get(importId);
      if (!pending) throw new DoubleError('import-expired', 'Choose the file again.');
      this.emit('progress', { task: 'Opening the backup', fraction: 0 });
      try {
        pending.result = await importFile(pending.input, {
          format: pending.importer.id,
          ...(password === undefined ? {} : { password }),
        });
      } finally {
        this.emit('progress', { task: 'Opening the backup', fraction: 1 });
      }
      const preview: ImportPreview = {
        importId,
        format: pending.result.format,
        formatLabel: pending.importer.label,
        entries: pending.result.entries.map((entry, index) => ({
          index,
          issuer: entry.account.issuer,
          name: entry.account.name,
          type: entry.account.type,
          duplicateOf: this.duplicateOf(entry.account),
          warnings: entry.warnings,
        })),
        skipped: pending.result.skipped,
      };
      return { ok: true, value: preview };
    },
    importConfirm: (importId, decisions) => {
      this.requireUnlocked();
      const result = this.imports.get(importId)?.result;
      if (!result) throw new DoubleError('import-expired', 'Choose the file again.');
      let added = 0;
      let replaced = 0;
      let skipped = 0;
      for (const { index, action } of decisions) {
        const imported = result.entries[index];
        if (!imported || action === 'skip') {
          skipped++;
          continue;
        }
        const duplicate = this.duplicateOf(imported.account);
        if (action === 'replace' && duplicate) {
          const entry = this.find(duplicate);
          entry.account = imported.account;
          replaced++;
        } else {
          const entry = this.addAccount(imported.account);
          entry.tags = imported.groups ?? [];
          added++;
        }
      }
      this.imports.delete(importId);
      this.changed();
      return { ok: true, value: { added, replaced, skipped } };
    },
    exportVault: (kind, options) => {
      this.requireUnlocked();
      const encrypted = kind === 'trayotp' || kind === 'aegis-encrypted';
      if (encrypted && !options.passphrase) {
        throw new DoubleError('passphrase-required', 'An encrypted export needs a password.', {
          passphrase: 'Choose a password for the file.',
        });
      }
      if (!encrypted && !options.acknowledgeUnencrypted) {
        throw new DoubleError(
          'unencrypted-not-acknowledged',
          'This export is not encrypted; confirm that you understand before saving it.',
        );
      }
      const path = `/home/user/Documents/trayotp-${kind}.${kind === 'otpauth' ? 'txt' : kind === 'google-qr' ? 'pdf' : 'json'}`;
      this.exports.push({ kind, path });
      return { ok: true, value: { path } };
    },
    createVault: (passphrase) => {
      if (this.vault !== 'none') throw new DoubleError('exists', 'There is already a vault.');
      if (!passphrase && !(this.keychain.available && !this.keychain.weak)) {
        throw new DoubleError(
          'passphrase-required',
          'Without a working system keychain the vault needs a passphrase.',
          { passphrase: 'Choose a passphrase.' },
        );
      }
      this.passphrase = passphrase ?? null;
      this.vault = 'unlocked';
      this.changed();
      return { ok: true, value: null };
    },
    unlock: (passphrase) => {
      if (this.vault === 'none') throw new DoubleError('no-vault', 'Create the vault first.');
      if (this.passphrase !== null && passphrase !== this.passphrase) {
        throw new DoubleError(
          'wrong-passphrase',
          'That passphrase does not open the vault. Check Caps Lock and try again.',
          { passphrase: 'Wrong passphrase.' },
        );
      }
      this.vault = 'unlocked';
      this.changed();
      return { ok: true, value: null };
    },
    lock: () => {
      this.vault = 'locked';
      this.clipboard = null;
      this.changed();
      return { ok: true, value: null };
    },
    changePassphrase: (current, next) => {
      this.requireUnlocked();
      if (this.passphrase !== null && current !== this.passphrase) {
        throw new DoubleError('wrong-passphrase', 'The current passphrase is not right.');
      }
      this.passphrase = next;
      this.changed();
      return { ok: true, value: null };
    },
    setSettings: (patch) => {
      this.settings = { ...this.settings, ...patch };
      this.changed();
      return { ok: true, value: this.settings };
    },
    checkHotkey: (accelerator) => {
      const taker = this.takenHotkeys[accelerator];
      const own = (Object.keys(ACTION_LABEL) as HotkeyAction[]).find(
        (action) => this.settings.hotkeys[action] === accelerator,
      );
      const conflict = taker ?? (own ? ACTION_LABEL[own] : null);
      return { ok: true, value: { available: conflict === null, conflict } };
    },
    regionCancel: () => {
      this.regionSelections.push(null);
      return { ok: true, value: null };
    },
    regionSelect: (region) => {
      this.regionSelections.push(region);
      return { ok: true, value: null };
    },
    hideWindow: () => {
      this.hidden = true;
      return { ok: true, value: null };
    },
  };

  /** The double behind the real handler table: what the bridge talks to. */
  table(): IpcTable {
    return createIpcTable(this.handlers, translateError, (message, error) => {
      console.error(message, error);
    });
  }
}
