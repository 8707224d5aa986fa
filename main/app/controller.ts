// AppController: the use cases behind every IPC method, Electron-free. It owns the vault (locked
// or unlocked), and the short-lived scan, import and undo sessions the window refers to by id;
// everything from the outside world arrives through ports. Views it returns carry labels and
// codes only: secrets stay here.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type {
  AccountView,
  AppState,
  CodeView,
  ContractHandlers,
  EventName,
  HotkeyProblem,
  ImportDecision,
  ImportPreview,
  ManualAccount,
  ScanResult,
  Settings,
} from '../../preload/contract';
import type { events } from '../../preload/contract';
import type { z } from 'zod';
import { classifyImport, duplicateKey } from '../importers/duplicates';
import type { Classified } from '../importers/duplicates';
import { detectFormat, importFile } from '../importers';
import { exportFiles, writeExportFiles } from '../importers/export';
import type { ImportInput, ImportResult, Importer } from '../importers';
import { displaySafe, isMigrationUri, OtpError, parseOtpUri, toAccount } from '../otp';
import type { Account, OtpErrorCode } from '../otp';
import {
  entryAccount,
  listBackups,
  restoreBackup,
  Vault,
  VaultFormatError,
  VaultIntegrityError,
} from '../vault';
import type { BackupReport, Entry, KdfChoice, Rollback } from '../vault';
import { rememberChoice } from './account-matching';
import type { RememberedChoices } from './account-matching';
import type { ClipboardGuard } from './clipboard-guard';
import type { DirectoryService } from './directory-service';
import type { ChoiceStore } from './ports/choice-store';
import type { FileDialogs, PickedFile } from './ports/dialogs';
import type { Clock } from './ports/clock';
import { sleep } from './ports/clock';
import type { Keychain } from '../vault/keychain';
import { isWeakKeychainBackend } from '../vault/keychain';
import type { Scanner } from './ports/scanner';
import type { SettingsStore } from './ports/settings-store';
import type { TrayWindow } from './ports/window';
import type { RegionRequest } from './region-request';
import { platformOf } from './platform-name';
import { Sessions } from './sessions';
import { AppError, toUserError } from './user-errors';
import { mergeImport, previewEntries } from './import-merge';
import { scanCandidates } from './scan-candidates';
import { secretAlphabetMessage, uriSecret } from './secret-message';
import { typeCode, typeCurrentCode } from './type-code';
import type { TypeCodeDeps } from './type-code';
import { accountView, codeViews, sortedEntries } from './views';
import { backupProblemMessage, backupProblemNotice } from './backup-notices';

export interface AppControllerDeps {
  vaultPath: string;
  clock: Clock;
  /** The OS keychain; undefined where there is none (the CLI, some tests). */
  keychain: Keychain | undefined;
  clipboard: ClipboardGuard;
  dialogs: FileDialogs;
  scanner: Scanner;
  settings: SettingsStore;
  window: TrayWindow;
  /** What typing a code into the focused app needs (typer, focused window, notifier...). */
  typing: Omit<TypeCodeDeps, 'clock' | 'clipboard'>;
  /** Shows the tray window on a view (the hotkeys' picker, the enrolment view...). */
  show: (view: 'codes' | 'add' | 'picker' | 'settings', accountId?: string) => void;
  /** Whether an accelerator is free, for the settings view's hotkey recorder. */
  checkHotkey: (accelerator: string) => {
    available: boolean;
    conflict: string | null;
    problem?: HotkeyProblem | null;
  };
  hotkeyStatus: () => AppState['hotkeys'];
  /** Keeps the hotkey's remembered choices between runs (in memory only when absent). */
  choices?: ChoiceStore;
  /** The open region selection, settled by the overlay's regionSelect / regionCancel. */
  region: RegionRequest;
  /** KDF parameters for new passphrase slots (tests pass cheap ones). */
  kdf?: KdfChoice;
  /** The 2FA Directory (opt-in); absent where the app has none (the CLI, some tests). */
  directory?: DirectoryService;
  /** Node's process.platform (default: this process's), for the window's shortcut names. */
  platform?: string;
  /** Where failures of work nobody awaits go (background refreshes, resumed scans). */
  logError?: (message: string, error: unknown) => void;
}

type Listener = <E extends EventName>(event: E, payload: z.input<(typeof events)[E]>) => void;

interface ScanSession {
  candidates: Map<string, Account[]>;
}

interface ImportSession {
  input: ImportInput;
  importer: Importer;
  /** A key file picked for it (KeePass), passed to every read. */
  keyFile?: PickedFile;
  /** Set while a preview reads the file: importCancel aborts it. */
  reading?: AbortController;
  result?: ImportResult;
  classified?: Classified[];
}

/** Field of the add-account form each validation error belongs to. */
const FIELD_OF: Partial<Record<OtpErrorCode, keyof ManualAccount>> = {
  'missing-secret': 'secret',
  'invalid-secret': 'secret',
  'secret-too-long': 'secret',
  'unknown-algorithm': 'algorithm',
  'invalid-digits': 'digits',
  'invalid-period': 'period',
  'missing-counter': 'counter',
  'invalid-counter': 'counter',
  'label-too-long': 'name',
  'missing-label': 'name',
  'unsupported-type': 'type',
};

const UNDO_MS = 10_000;
const WINDOW_GONE_MS = 150;
/** How long after asking a locked app to scan the unlock may still start that scan. */
const PENDING_SCAN_MS = 2 * 60_000;
const SESSION_MS = 10 * 60_000;

export class AppController implements ContractHandlers {
  #vault: Vault | undefined;
  readonly #listeners = new Set<Listener>();
  readonly #revealedHotp = new Map<string, CodeView>();
  readonly #scans: Sessions<ScanSession>;
  readonly #imports: Sessions<ImportSession>;
  readonly #removed: Sessions<Entry>;
  /** Why the vault file failed its checks, until a backup is restored. */
  #damage: string | undefined;
  /**
   * The vault file was older than its newest backup when it was opened (Vault.rollback), until
   * the person restores that backup or keeps this version (then #rollbackSettled names it).
   */
  #rollback: Rollback | undefined;
  #rollbackSettled: string | undefined;
  /** The last failed backup, shown until a later one succeeds (see #currentBackupProblem). */
  #backupProblem: { vault: Vault; since: BackupReport | undefined; message: string } | undefined;
  /** Window titles → the account the person picked for them (the hotkey's memory). */
  #remembered: RememberedChoices = new Map();
  /** The focused window's title when the hotkey opened the picker. */
  #pickerTitle: string | undefined;
  /** A scan the tray or hotkey asked for while the vault was locked. */
  #pendingScan: { kind: 'screen' | 'region'; at: number } | undefined;

  constructor(private readonly deps: AppControllerDeps) {
    this.#scans = new Sessions(deps.clock, SESSION_MS);
    this.#imports = new Sessions(deps.clock, SESSION_MS);
    this.#removed = new Sessions(deps.clock, UNDO_MS);
    this.#remembered = deps.choices?.load() ?? new Map();
    const directory = deps.directory;
    directory?.onBackgroundChange(() => {
      void directory
        .status()
        .then(async (status) => {
          this.#emit('directory', status);
          // Accounts carry the directory's site names (icon hints).
          await this.#pushState();
        })
        .catch((error: unknown) => this.#logError('pushing the 2FA Directory status', error));
    });
  }

  /** Subscribe to pushed events (the window's `on`); returns the unsubscribe function. */
  onEvent(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  // ---- state ---------------------------------------------------------------------------------

  async getState(): Promise<AppState> {
    let vault: Vault | undefined;
    try {
      vault = await this.#openedVault();
    } catch (error) {
      if (!(error instanceof VaultIntegrityError || error instanceof VaultFormatError)) throw error;
      this.#damage = error.message;
    }
    const keychain = this.deps.keychain;
    const available = keychain ? await keychain.isAvailable() : false;
    const backend = keychain ? keychain.backend() : null;
    const weak = backend !== null && isWeakKeychainBackend(backend);
    const hasKeychainSlot = vault?.slots.keychain !== undefined;
    const damage = this.#damage === undefined ? null : await this.#damageReport(this.#damage);
    return {
      vault: damage ? 'damaged' : !vault ? 'none' : vault.isUnlocked ? 'unlocked' : 'locked',
      damage,
      backupProblem: this.#currentBackupProblem(vault),
      rollback: vault?.isUnlocked ? await this.#rollbackReport() : null,
      keychain: { available, weak, backend },
      passphraseRequired: !hasKeychainSlot || !available || weak,
      accounts: vault?.isUnlocked
        ? sortedEntries(vault.entries).map((entry) => this.#withSite(accountView(entry)))
        : [],
      settings: this.deps.settings.get(),
      hotkeys: this.deps.hotkeyStatus(),
      platform: platformOf(this.deps.platform ?? process.platform),
    };
  }

  codes(at?: number): CodeView[] {
    const vault = this.#vault;
    if (!vault?.isUnlocked) return [];
    return codeViews(vault.entries, at ?? this.deps.clock.now(), this.#revealedHotp);
  }

  // ---- vault lifecycle -----------------------------------------------------------------------

  async createVault(passphrase?: string) {
    if (await this.#openedVault()) {
      throw new AppError('vault-exists', 'A vault already exists; unlock it instead.');
    }
    const keychain = await this.#usableKeychain();
    if (!keychain && passphrase === undefined) {
      throw new AppError(
        'passphrase-required',
        'Your system keychain cannot protect the vault here; choose a passphrase.',
      );
    }
    this.#vault = await Vault.create(this.deps.vaultPath, {
      clock: this.deps.clock,
      // A passphrase replaces the keychain: the person chose to type it at every unlock.
      keychain: passphrase === undefined ? keychain : undefined,
      ...(passphrase !== undefined && { passphrase }),
      ...this.deps.kdf,
    });
    this.#watchLock(this.#vault);
    const created = this.#vault.lastBackup;
    if (created && !created.ok) this.#noteBackupProblem(this.#vault, created);
    await this.#pushState();
    return { ok: true as const, value: null };
  }

  async unlock(passphrase?: string) {
    const vault = await this.#openedVault();
    if (!vault) throw new AppError('no-vault', 'There is no vault yet; create one first.');
    if (!vault.isUnlocked) {
      if (passphrase !== undefined) {
        this.#emit('progress', { task: 'unlock', fraction: 0 });
        try {
          await vault.unlock({ passphrase }).catch((error: unknown) => this.#noteDamage(error));
        } finally {
          this.#emit('progress', { task: 'unlock', fraction: 1 });
        }
      } else {
        const keychain = this.deps.keychain;
        if (!keychain) {
          throw new AppError('passphrase-required', 'Enter your passphrase to unlock the vault.');
        }
        await vault.unlock({ keychain }).catch((error: unknown) => this.#noteDamage(error));
      }
    }
    // Kept here: the vault's own note goes with its next save, even one that only records use.
    const found = vault.rollback;
    if (found && found.backupPath !== this.#rollbackSettled) this.#rollback = found;
    await this.#pushState();
    this.#resumePendingScan();
    return { ok: true as const, value: null };
  }

  async lock() {
    this.#lockNow();
    await this.deps.clipboard.clearIfOurs();
    await this.#pushState();
    return { ok: true as const, value: null };
  }

  async changePassphrase(current: string | undefined, next: string | null) {
    // The Vault asks for the current passphrase whenever it has one (checked against its slot),
    // so an unlocked, unattended machine cannot be re-keyed.
    const vault = this.#unlocked();
    if (next === null) {
      // Dropping the passphrase leaves the keychain as the only protection: it must be a real
      // one, and the person must prove they know the passphrase being removed.
      const keychain = this.deps.keychain;
      const usable =
        keychain !== undefined &&
        !isWeakKeychainBackend(keychain.backend()) &&
        (await keychain.isAvailable());
      if (!usable) {
        throw new AppError(
          'keychain-unavailable',
          'Without a usable system keychain the vault needs a passphrase; choose a new one instead.',
        );
      }
      if (vault.slots.passphrase && current === undefined) {
        throw new AppError('passphrase-required', 'Enter the current passphrase to remove it.');
      }
      await vault.removePassphrase(keychain, { current });
    } else {
      // The Vault proves `current` against its slot and re-wraps the keychain slot too.
      await vault.changePassphrase(next, {
        ...this.deps.kdf,
        current,
        keychain: this.deps.keychain,
      });
    }
    await this.#pushState();
    return { ok: true as const, value: null };
  }

  // ---- codes ---------------------------------------------------------------------------------

  async copyCode(id: string) {
    const vault = this.#unlocked();
    const code = await this.#code(vault, id);
    await this.deps.clipboard.copy(code);
    await vault.markUsed(id);
    return {
      ok: true as const,
      value: { clearsInSeconds: this.deps.settings.get().clipboardClearSeconds },
    };
  }

  async typeCode(id: string) {
    const vault = this.#unlocked();
    const entry = vault.entry(id);
    // The keys must reach the app behind our window, not our window.
    await this.#getOutOfTheWay();
    // Chosen in the picker the hotkey opened: remember it for that window's title.
    const title = this.#pickerTitle;
    this.#pickerTitle = undefined;
    if (title !== undefined) {
      this.#remembered = rememberChoice(this.#remembered, title, id);
      this.deps.choices?.save(this.#remembered);
    }
    const outcome = await typeCode(
      this.#typingDeps(),
      { id, account: entryAccount(entry), code: () => this.#code(vault, id) },
      { minSecondsLeft: this.deps.settings.get().freshCodeSeconds },
      title === undefined ? undefined : { title },
    );
    await vault.markUsed(id);
    const typed = outcome.kind === 'typed';
    return { ok: true as const, value: { typed, copied: !typed } };
  }

  /**
   * The "type current code" hotkey: the account matching the focused window is typed; when
   * none or several match, the picker opens and typeCode finishes the job.
   */
  async typeCurrentCode(): Promise<'typed' | 'copied' | 'picker' | 'locked' | 'no-accounts'> {
    const vault = this.#vault;
    if (!vault?.isUnlocked) {
      this.deps.show('codes');
      return 'locked';
    }
    const entries = vault.entries.map((entry) => ({
      id: entry.id,
      account: entryAccount(entry),
      code: () => this.#code(vault, entry.id),
      site: this.deps.directory?.matchInfo(entry.issuer),
    }));
    const outcome = await typeCurrentCode(this.#typingDeps(), entries, this.#remembered, {
      minSecondsLeft: this.deps.settings.get().freshCodeSeconds,
    });
    if (outcome.kind === 'no-accounts') {
      this.deps.show('add');
      return 'no-accounts';
    }
    if (outcome.kind === 'pick') {
      this.#pickerTitle = outcome.title;
      this.deps.show('picker', outcome.candidates[0]?.id);
      return 'picker';
    }
    await vault.markUsed(outcome.accountId);
    return outcome.kind;
  }

  async nextHotp(id: string) {
    const vault = this.#unlocked();
    if (vault.entry(id).type !== 'hotp') {
      throw new AppError('not-hotp', 'Only counter-based (HOTP) accounts have a next code.');
    }
    // "New code": always the next one (the counter advances and is saved first).
    return { ok: true as const, value: await this.#revealHotp(vault, id) };
  }

  // ---- adding --------------------------------------------------------------------------------

  async addUri(uri: string) {
    const vault = this.#unlocked();
    if (isMigrationUri(uri)) {
      throw new AppError(
        'migration-link',
        'This is a Google Authenticator export link with several accounts: use Import to preview and add them.',
      );
    }
    let parsed;
    try {
      parsed = parseOtpUri(uri);
    } catch (error) {
      // The link's secret in plain words too ("not base32" means nothing to most people).
      if (error instanceof OtpError && error.code === 'invalid-secret') {
        const plain = secretAlphabetMessage(uriSecret(uri));
        if (plain) throw new AppError(error.code, plain);
      }
      throw error;
    }
    const { account, warnings } = parsed;
    const entry = await this.#addAccount(vault, account);
    return { ok: true as const, value: { account: accountView(entry), warnings } };
  }

  async addManual(input: ManualAccount) {
    const vault = this.#unlocked();
    if (input.secret.trim() === '') {
      throw new AppError('missing-secret', 'The account needs its secret key.', {
        secret: 'Type the secret key the site shows next to the QR code.',
      });
    }
    let validated;
    try {
      validated = toAccount({
        ...input,
        counter: input.type === 'hotp' ? input.counter : undefined,
        digits: input.type === 'steam' ? undefined : input.digits,
      });
    } catch (error) {
      if (!(error instanceof OtpError)) throw error;
      const field = FIELD_OF[error.code] ?? 'secret';
      const message =
        (error.code === 'invalid-secret' && secretAlphabetMessage(input.secret)) || error.message;
      throw new AppError(error.code, message, { [field]: message });
    }
    if (!validated.account.issuer && !validated.account.name) {
      const message = 'Give the account an issuer or a name, so you can tell it apart.';
      throw new AppError('missing-label', message, { issuer: message });
    }
    const entry = await this.#addAccount(vault, validated.account);
    return {
      ok: true as const,
      value: { account: accountView(entry), warnings: validated.warnings },
    };
  }

  async scanScreen() {
    return { ok: true as const, value: this.#scanResult(await this.deps.scanner.scanScreen()) };
  }

  async scanRegion() {
    const texts = await this.deps.scanner.scanRegion();
    return { ok: true as const, value: texts === undefined ? null : this.#scanResult(texts) };
  }

  /**
   * The tray's "Scan QR from screen" / "Scan region…" and the scan hotkey: the screen is
   * captured first, with our window out of the way so it never covers the code, then the Add
   * view opens with what was found (the `scanned` event), or with why nothing was captured.
   */
  async scanFromShortcut(kind: 'screen' | 'region'): Promise<'shown' | 'cancelled' | 'locked'> {
    if (!this.#vault?.isUnlocked) {
      // The window opens on the unlock form; the scan runs once the vault is open.
      this.#pendingScan = { kind, at: this.deps.clock.now() };
      this.deps.show('codes');
      return 'locked';
    }
    this.#pendingScan = undefined;
    await this.#getOutOfTheWay();
    let outcome: z.input<(typeof events)['scanned']>;
    try {
      const texts =
        kind === 'screen'
          ? await this.deps.scanner.scanScreen()
          : await this.deps.scanner.scanRegion();
      if (texts === undefined) return 'cancelled';
      outcome = { ok: true, value: this.#scanResult(texts) };
    } catch (error) {
      const userError = toUserError(error);
      if (!userError) throw error;
      outcome = { ok: false, error: userError };
    }
    this.deps.show('add');
    this.#emit('scanned', outcome);
    return 'shown';
  }

  async scanImageFile() {
    const file = await this.deps.dialogs.pickImage();
    if (!file) return { ok: true as const, value: null };
    return {
      ok: true as const,
      value: this.#scanResult(await this.deps.scanner.scanImage(file.bytes)),
    };
  }

  async scanClipboard() {
    const texts = await this.deps.scanner.scanClipboardImage();
    if (texts === undefined) {
      throw new AppError(
        'no-clipboard-image',
        'The clipboard holds no image; copy the QR code first.',
      );
    }
    return { ok: true as const, value: this.#scanResult(texts) };
  }

  async addScanned(scanId: string, candidateIds: string[]) {
    const vault = this.#unlocked();
    const scan = this.#scans.get(scanId);
    if (!scan) throw new AppError('scan-expired', 'That scan has expired; scan again.');
    const accounts = candidateIds.flatMap((id) => {
      const found = scan.candidates.get(id);
      if (!found) throw new AppError('scan-expired', 'That scan has expired; scan again.');
      return found;
    });
    const added: Entry[] = [];
    for (const account of accounts) added.push(await this.#addAccount(vault, account));
    this.#scans.take(scanId);
    return { ok: true as const, value: { added: added.map(accountView) } };
  }

  // ---- managing ------------------------------------------------------------------------------

  async updateAccount(
    id: string,
    patch: { issuer?: string; name?: string; tags?: string[]; pinned?: boolean },
  ) {
    const vault = this.#unlocked();
    const changes = Object.fromEntries(
      Object.entries(patch).filter(([, value]) => value !== undefined),
    ) as typeof patch;
    if (changes.issuer !== undefined) changes.issuer = changes.issuer.trim();
    if (changes.name !== undefined) changes.name = changes.name.trim();
    if (changes.tags)
      changes.tags = [...new Set(changes.tags.map((t) => t.trim()).filter(Boolean))];
    const entry = await vault.update(id, changes);
    await this.#pushState();
    return { ok: true as const, value: accountView(entry) };
  }

  async removeAccount(id: string) {
    const vault = this.#unlocked();
    const entry = vault.entry(id);
    await vault.remove(id);
    this.#revealedHotp.delete(id);
    await this.#pushState();
    return { ok: true as const, value: { undoToken: this.#removed.add(entry) } };
  }

  async undoRemove(token: string) {
    const vault = this.#unlocked();
    const entry = this.#removed.take(token);
    if (!entry) throw new AppError('undo-expired', 'It is too late to undo that deletion.');
    await vault.replaceEntries([...vault.entries, entry]);
    await this.#pushState();
    return { ok: true as const, value: accountView(entry) };
  }

  async reorder(ids: string[]) {
    const vault = this.#unlocked();
    const position = new Map(ids.map((id, index) => [id, index]));
    const entries = vault.entries.map((entry) => ({
      ...entry,
      sortOrder: position.get(entry.id) ?? ids.length + entry.sortOrder,
    }));
    await vault.replaceEntries(entries);
    await this.#pushState();
    return { ok: true as const, value: null };
  }

  // ---- import / export -----------------------------------------------------------------------

  async importPickFile() {
    const file = await this.deps.dialogs.pickImportFile();
    if (!file) return { ok: true as const, value: null };
    const input: ImportInput = { fileName: file.fileName, bytes: file.bytes };
    const { importer, encrypted } = detectFormat(input);
    const importId = this.#imports.add({ input, importer });
    return {
      ok: true as const,
      value: { importId, fileName: file.fileName, formatLabel: importer.label, encrypted },
    };
  }

  async importPickKeyFile(importId: string) {
    const session = this.#imports.get(importId);
    if (!session)
      throw new AppError('import-expired', 'That import has expired; pick the file again.');
    const file = await this.deps.dialogs.pickKeyFile();
    if (!file) return { ok: true as const, value: null };
    session.keyFile = file;
    return { ok: true as const, value: { fileName: file.fileName } };
  }

  async importPreview(importId: string, password?: string) {
    const vault = this.#unlocked();
    const session = this.#imports.get(importId);
    if (!session)
      throw new AppError('import-expired', 'That import has expired; pick the file again.');
    session.reading?.abort();
    const reading = (session.reading = new AbortController());
    this.#emit('progress', { task: 'import', fraction: 0 });
    let result: ImportResult;
    try {
      result = await importFile(
        session.input,
        { format: session.importer.id, ...(password !== undefined && { password }) },
        {
          signal: reading.signal,
          ...(session.keyFile && { keyFile: session.keyFile.bytes }),
          onProgress: ({ fraction, stage }) =>
            this.#emit('progress', { task: 'import', fraction, stage }),
        },
      );
    } finally {
      if (session.reading === reading) session.reading = undefined;
      // The window's bar ends however the read did (a cancel, a wrong password, a bad file).
      this.#emit('progress', { task: 'import', fraction: 1 });
    }
    const existing = vault.entries;
    const classified = classifyImport(existing.map(entryAccount), result.entries);
    session.result = result;
    session.classified = classified;
    const preview: ImportPreview = {
      importId,
      format: result.format,
      formatLabel: session.importer.label,
      entries: previewEntries(classified, existing, this.#suggestIssuer),
      skipped: result.skipped,
    };
    return { ok: true as const, value: preview };
  }

  async importCancel(importId: string) {
    this.#imports.get(importId)?.reading?.abort();
    return { ok: true as const, value: null };
  }

  async importConfirm(importId: string, decisions: ImportDecision[]) {
    const vault = this.#unlocked();
    const session = this.#imports.get(importId);
    if (!session?.classified) {
      throw new AppError('import-expired', 'That import has expired; pick the file again.');
    }
    const { entries, added, replaced, skipped } = mergeImport(
      vault.entries,
      session.classified,
      decisions,
      { now: this.deps.clock.now(), newId: randomUUID },
    );
    // One write: the whole import lands, or nothing does; the version before it is kept as a
    // "before import" backup, apart from the rotation.
    await vault.replaceEntries(entries, { before: 'import' });
    this.#imports.take(importId);
    await this.#pushState();
    return { ok: true as const, value: { added, replaced, skipped } };
  }

  async exportVault(
    kind: 'trayotp' | 'aegis' | 'aegis-encrypted' | 'google-qr' | 'otpauth',
    options: { passphrase?: string; acknowledgeUnencrypted?: boolean },
  ) {
    const vault = this.#unlocked();
    if (kind === 'otpauth' && !options.acknowledgeUnencrypted) {
      throw new AppError(
        'unencrypted-export',
        'A plain otpauth list holds every secret unencrypted; confirm that you understand before exporting.',
      );
    }
    if ((kind === 'trayotp' || kind === 'aegis-encrypted') && !options.passphrase) {
      throw new AppError('passphrase-required', 'Choose a passphrase for the encrypted export.');
    }
    const names = {
      trayotp: 'trayotp-backup.trayotp',
      aegis: 'aegis-export-plain.json',
      'aegis-encrypted': 'aegis-export.json',
      'google-qr': 'google-authenticator-export.png',
      otpauth: 'otpauth-links.txt',
    } as const;
    const path = await this.deps.dialogs.pickSavePath(names[kind]);
    if (!path) return { ok: true as const, value: null };
    const entries = sortedEntries(vault.entries).map((entry) => ({
      account: entryAccount(entry),
      groups: entry.tags,
    }));
    const { files } = await exportFiles(kind, entries, {
      ...(options.passphrase !== undefined && { passphrase: options.passphrase }),
      acknowledgeUnencrypted: options.acknowledgeUnencrypted === true,
      clock: this.deps.clock,
      ...(this.deps.kdf && { kdf: this.deps.kdf }),
    });
    const written = await writeExportFiles(path, files);
    return { ok: true as const, value: { path: written[0]! } };
  }

  /**
   * Puts a backup in the damaged vault's place (the damaged file is kept beside it); then the
   * vault opens locked as usual. Never while unlocked: that would throw away newer changes.
   */
  async restoreBackup(revision: number) {
    // A rolled-back file (older than this backup) may be replaced while unlocked: it holds
    // nothing newer than the backup, and restoreBackup keeps it beside the vault anyway.
    const rollback = this.#rollback;
    const fromRollback = rollback?.backupRevision === revision ? rollback : undefined;
    if (this.#vault?.isUnlocked) {
      if (!fromRollback) {
        throw new AppError('vault-unlocked', 'Lock TrayOTP before restoring a backup.');
      }
      this.#lockNow();
      await this.deps.clipboard.clearIfOurs();
    }
    const path =
      fromRollback?.backupPath ??
      (await listBackups(this.deps.vaultPath)).find(
        (b) => b.revision === revision && b.problem === undefined,
      )?.path;
    if (!path) throw new AppError('no-backup', `There is no usable backup ${revision}.`);
    const { keptAs } = await restoreBackup(this.deps.vaultPath, path, this.deps.clock.now());
    if (fromRollback) this.#rollbackSettled = fromRollback.backupPath;
    this.#rollback = undefined;
    this.#vault = undefined;
    this.#damage = undefined;
    await this.#pushState();
    return { ok: true as const, value: { keptAs: keptAs ?? null } };
  }

  /** "Keep this version": the rolled-back file stays, and the window stops offering the backup. */
  async dismissRollback() {
    this.#rollbackSettled = this.#rollback?.backupPath ?? this.#rollbackSettled;
    this.#rollback = undefined;
    await this.#pushState();
    return { ok: true as const, value: null };
  }

  // ---- 2FA Directory (the logic is in directory-service.ts) ------------------------------------

  async directoryStatus() {
    return { ok: true as const, value: await this.#directory().status() };
  }

  async directorySetEnabled(enabled: boolean) {
    return { ok: true as const, value: await this.#directory().setEnabled(enabled) };
  }

  async directoryUpdate() {
    return { ok: true as const, value: await this.#directory().update() };
  }

  async directorySearch(query: { text: string; category?: string | undefined }) {
    const accounts = this.#vault?.isUnlocked ? this.#vault.entries : [];
    return { ok: true as const, value: this.#directory().search(query, accounts) };
  }

  async directoryOpenDocumentation(siteId: string) {
    await this.#directory().openDocumentation(siteId);
    return { ok: true as const, value: null };
  }

  #directory(): DirectoryService {
    if (!this.deps.directory) {
      throw new AppError('no-directory', 'The 2FA Directory is not available in this build.');
    }
    return this.deps.directory;
  }

  /** An account view with the directory's name for its site (the brand icon's better key). */
  #withSite(view: AccountView): AccountView {
    const siteName = this.deps.directory?.siteName(view.issuer);
    return siteName === undefined ? view : { ...view, siteName };
  }

  // ---- settings and window -------------------------------------------------------------------

  async setSettings(patch: Partial<Settings>) {
    const settings = this.deps.settings.set(patch);
    // The directory's opt-in is more than a value: turning it on downloads, off deletes the copy.
    if (patch.directoryEnabled !== undefined) {
      await this.deps.directory?.setEnabled(patch.directoryEnabled);
    }
    await this.#pushState();
    return { ok: true as const, value: settings };
  }

  async checkHotkey(accelerator: string) {
    const check = this.deps.checkHotkey(accelerator);
    return { ok: true as const, value: { ...check, problem: check.problem ?? null } };
  }

  async regionCancel() {
    this.deps.region.cancel();
    return { ok: true as const, value: null };
  }

  async regionSelect(region: {
    displayId: string;
    x: number;
    y: number;
    width: number;
    height: number;
  }) {
    const { displayId, ...box } = region;
    if (!this.deps.region.choose({ displayId, box })) {
      throw new AppError('no-region-selection', 'No region selection is open.');
    }
    return { ok: true as const, value: null };
  }

  async hideWindow() {
    this.deps.window.hide();
    return { ok: true as const, value: null };
  }

  /** On quit: clear a code we left on the clipboard, drop the keys. */
  async shutdown(): Promise<void> {
    await this.deps.clipboard.clearIfOurs();
    this.#lockNow();
  }

  // ---- internals -----------------------------------------------------------------------------

  async #openedVault(): Promise<Vault | undefined> {
    if (this.#vault) return this.#vault;
    if (!existsSync(this.deps.vaultPath)) return undefined;
    // A damaged file throws its typed error here; it is never replaced by a new vault.
    this.#vault = await Vault.open(this.deps.vaultPath, { clock: this.deps.clock });
    this.#watchLock(this.#vault);
    return this.#vault;
  }

  /** An unlock that found damage (body or key check) turns the window to the backups. */
  async #noteDamage(error: unknown): Promise<never> {
    if (error instanceof VaultIntegrityError || error instanceof VaultFormatError) {
      this.#damage = error.message;
      this.#vault = undefined;
      await this.#pushState();
    }
    throw error;
  }

  async #damageReport(message: string): Promise<NonNullable<AppState['damage']>> {
    const backups = (await listBackups(this.deps.vaultPath))
      .filter((b) => b.problem === undefined && b.savedAt !== undefined)
      .map((b) => ({ revision: b.revision, savedAt: b.savedAt! }));
    return { message, backups };
  }

  /**
   * A backup that failed: a notification now (the window may be closed) and the state's banner
   * until a later backup succeeds (the vault's lastBackup is then a new, good report).
   */
  #noteBackupProblem(vault: Vault, report: BackupReport & { ok: false }): void {
    const folder = dirname(report.path);
    this.#backupProblem = {
      vault,
      since: vault.lastBackup,
      message: backupProblemMessage(folder, report.problem),
    };
    this.deps.typing.notifier.notify(backupProblemNotice(folder));
    this.#logError('a backup of the vault failed', report.problem);
  }

  #currentBackupProblem(vault: Vault | undefined): AppState['backupProblem'] {
    const problem = this.#backupProblem;
    if (!problem || problem.vault !== vault) return null;
    const last = vault.lastBackup;
    if (last !== problem.since && last?.ok) {
      this.#backupProblem = undefined;
      return null;
    }
    return { message: problem.message };
  }

  async #rollbackReport(): Promise<AppState['rollback']> {
    const rollback = this.#rollback;
    if (!rollback) return null;
    const backup = (await listBackups(this.deps.vaultPath)).find(
      (b) => b.path === rollback.backupPath,
    );
    return {
      vaultRevision: rollback.vaultRevision,
      backupRevision: rollback.backupRevision,
      backupSavedAt: backup?.savedAt ?? null,
    };
  }

  #watchLock(vault: Vault): void {
    vault.onBackupProblem((report) => {
      if (!report.ok) this.#noteBackupProblem(vault, report);
    });
    vault.onLock(() => {
      this.#revealedHotp.clear();
      this.#scans.clear();
      this.#imports.clear();
      this.#removed.clear();
    });
  }

  /**
   * Hides our window before typing into, or capturing, what is behind it. When it was showing,
   * waits a moment: the compositor takes a frame or two to take it off the screen, and the
   * window manager to give the focus back to the window before it.
   */
  async #getOutOfTheWay(): Promise<void> {
    const visible = this.deps.window.isVisible?.() ?? false;
    this.deps.window.hide();
    if (visible) await sleep(this.deps.clock, WINDOW_GONE_MS);
  }

  /** A scan asked for while locked runs after the unlock, if that came soon enough. */
  #resumePendingScan(): void {
    const pending = this.#pendingScan;
    this.#pendingScan = undefined;
    if (!pending || this.deps.clock.now() - pending.at > PENDING_SCAN_MS) return;
    // Capture failures reach the window as a `scanned` error; what still throws is a bug.
    void this.scanFromShortcut(pending.kind).catch((error: unknown) =>
      this.#logError('the scan asked for before the unlock', error),
    );
  }

  #logError(message: string, error: unknown): void {
    (this.deps.logError ?? ((m: string, e: unknown) => console.error(m, e)))(message, error);
  }

  #typingDeps(): TypeCodeDeps {
    return { ...this.deps.typing, clock: this.deps.clock, clipboard: this.deps.clipboard };
  }

  #lockNow(): void {
    if (this.#vault?.isUnlocked) this.#vault.lock();
  }

  #unlocked(): Vault {
    const vault = this.#vault;
    if (!vault?.isUnlocked) throw new AppError('locked', 'TrayOTP is locked; unlock it first.');
    return vault;
  }

  async #usableKeychain(): Promise<Keychain | undefined> {
    const keychain = this.deps.keychain;
    if (!keychain || isWeakKeychainBackend(keychain.backend())) return undefined;
    return (await keychain.isAvailable()) ? keychain : undefined;
  }

  /**
   * A code to hand out. HOTP: the code the window shows, if one was revealed; otherwise the next
   * one, advanced and saved first, so a code is never computed twice.
   */
  async #code(vault: Vault, id: string): Promise<string> {
    if (vault.entry(id).type !== 'hotp') return vault.code(id);
    return (this.#revealedHotp.get(id) ?? (await this.#revealHotp(vault, id))).code;
  }

  async #revealHotp(vault: Vault, id: string): Promise<CodeView> {
    const code = await vault.code(id);
    const view: CodeView = {
      id,
      code,
      next: null,
      validFrom: this.deps.clock.now(),
      validUntil: null,
    };
    this.#revealedHotp.set(id, view);
    return view;
  }

  async #addAccount(vault: Vault, account: Account): Promise<Entry> {
    const key = duplicateKey(account);
    const existing = vault.entries.find((entry) => duplicateKey(entryAccount(entry)) === key);
    if (existing) {
      throw new AppError(
        'duplicate',
        `This account is already in TrayOTP as ${displaySafe(existing.issuer || existing.name) || 'an account'}.`,
      );
    }
    const sortOrder = Math.max(0, ...vault.entries.map((e) => e.sortOrder)) + 1;
    const entry = await vault.add(account, { sortOrder });
    await this.#pushState();
    return entry;
  }

  #scanResult(texts: string[]): ScanResult {
    const vault = this.#vault?.isUnlocked ? this.#vault : undefined;
    const known = new Map(
      (vault?.entries ?? []).map((entry) => [duplicateKey(entryAccount(entry)), entry.id]),
    );
    const found = scanCandidates(texts, { known, suggestIssuer: this.#suggestIssuer });
    return {
      scanId: this.#scans.add({ candidates: found.accounts }),
      candidates: found.views,
      otherCodes: found.otherCodes,
    };
  }

  /** The 2FA Directory's spelling of an issuer, when it is on and knows one. */
  readonly #suggestIssuer = (issuer: string) => this.deps.directory?.suggestIssuer(issuer);

  #emit<E extends EventName>(event: E, payload: z.input<(typeof events)[E]>): void {
    for (const listener of this.#listeners) listener(event, payload);
  }

  async #pushState(): Promise<void> {
    if (this.#listeners.size > 0) this.#emit('state', await this.getState());
  }
}
