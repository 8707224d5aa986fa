// Importing another app's export: the file is picked and recognised, read (with its password or
// key file, with progress and a way to cancel), previewed against the vault, then merged as the
// person decided, in one save kept as a "before import" backup. The file is recognised and read in
// the reading worker (main/import-worker): this process never parses the picked bytes.
import type { ImportDecision, ImportPreview } from '../../../preload/contract';
import { detectForeignFile, readForeignFile } from '../../import-worker/client';
import type { DetectedFormat, ReaderOptions } from '../../import-worker/client';
import type { ImportInput, ImportResult } from '../../importers/types';
import { classifyImport } from '../../importers/duplicates';
import type { Classified } from '../../importers/duplicates';
import { entryAccount } from '../../vault';
import type { AppEvents } from '../window/app-events';
import type { Clock } from '../../time/clock';
import type { FileDialogs, PickedFile } from '../ports/dialogs';
import { Sessions } from '../window/sessions';
import { AppError } from '../shared/user-errors';
import type { VaultSession } from '../vault/vault-session';
import { mergeImport, previewEntries } from './import-merge';

/** How long a picked file waits for its preview and confirmation. */
const IMPORT_MS = 10 * 60_000;

export interface ImportsDeps {
  session: VaultSession;
  clock: Clock;
  dialogs: FileDialogs;
  events: AppEvents;
  /** The 2FA Directory's spelling of an issuer, when it is on and knows one. */
  suggestIssuer: (issuer: string) => string | undefined;
  /** The reading worker's budget and location (tests lower the budget); default: the real one. */
  reader?: ReaderOptions;
}

interface ImportSession {
  input: ImportInput;
  /** The format the worker recognised, read as that on every preview. */
  importer: DetectedFormat;
  /** A key file picked for it (KeePass), passed to every read. */
  keyFile?: PickedFile;
  /** Set while a preview reads the file: cancel aborts it. */
  reading?: AbortController;
  classified?: Classified[];
}

export class Imports {
  readonly #sessions: Sessions<ImportSession>;

  constructor(private readonly deps: ImportsDeps) {
    this.#sessions = new Sessions(deps.clock, IMPORT_MS);
    deps.session.onLock(() => this.#sessions.clear());
  }

  async pickFile() {
    const file = await this.deps.dialogs.pickImportFile();
    if (!file) return null;
    const input: ImportInput = { fileName: file.fileName, bytes: file.bytes };
    const importer = await detectForeignFile(input, undefined, this.deps.reader);
    const { encrypted } = importer;
    const importId = this.#sessions.add({ input, importer });
    return { importId, fileName: file.fileName, formatLabel: importer.label, encrypted };
  }

  async pickKeyFile(importId: string): Promise<{ fileName: string } | null> {
    const session = this.#session(importId);
    const file = await this.deps.dialogs.pickKeyFile();
    if (!file) return null;
    session.keyFile = file;
    return { fileName: file.fileName };
  }

  async preview(importId: string, password?: string): Promise<ImportPreview> {
    const vault = this.deps.session.unlocked();
    const session = this.#session(importId);
    session.reading?.abort();
    const reading = (session.reading = new AbortController());
    const progress = this.deps.events;
    progress.emit('progress', { task: 'import', fraction: 0 });
    let result: ImportResult;
    try {
      result = await readForeignFile(
        session.input,
        {
          format: session.importer.id,
          password,
          ...(session.keyFile && { keyFile: session.keyFile.bytes }),
        },
        {
          signal: reading.signal,
          onProgress: ({ fraction, stage }) =>
            progress.emit('progress', { task: 'import', fraction, stage }),
        },
        this.deps.reader,
      );
    } finally {
      if (session.reading === reading) session.reading = undefined;
      // The window's bar ends however the read did (a cancel, a wrong password, a bad file).
      progress.emit('progress', { task: 'import', fraction: 1 });
    }
    const existing = vault.entries;
    const classified = classifyImport(existing.map(entryAccount), result.entries);
    session.classified = classified;
    return {
      importId,
      format: result.format,
      formatLabel: session.importer.label,
      entries: previewEntries(classified, existing, this.deps.suggestIssuer),
      skipped: result.skipped,
    };
  }

  cancel(importId: string): void {
    this.#sessions.get(importId)?.reading?.abort();
  }

  async confirm(importId: string, decisions: ImportDecision[]) {
    const vault = this.deps.session.unlocked();
    const session = this.#sessions.get(importId);
    if (!session?.classified) {
      throw new AppError('import-expired', 'That import has expired; pick the file again.');
    }
    const { entries, added, replaced, skipped } = mergeImport(
      vault.entries,
      session.classified,
      decisions,
      { now: this.deps.clock.now(), newId: () => crypto.randomUUID() },
    );
    // One write: the whole import lands, or nothing does; the version before it is kept as a
    // "before import" backup, apart from the rotation.
    await vault.replaceEntries(entries, { before: 'import', kind: 'imported' });
    this.#sessions.take(importId);
    return { added, replaced, skipped };
  }

  #session(importId: string): ImportSession {
    const session = this.#sessions.get(importId);
    if (!session) {
      throw new AppError('import-expired', 'That import has expired; pick the file again.');
    }
    return session;
  }
}
