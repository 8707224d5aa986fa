// Every export kind as the files it produces (bytes and a name suffix), so the CLI and the app
// write exactly the same thing. Writing (owner-only, never over an existing file) is the
// caller's: see writeExportFiles.
import { randomInt, randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { newEntry } from '../../vault/entries';
import { encodeBackupFile } from '../../vault/backup-file';
import type { KdfChoice } from '../../vault';
import type { Account } from '../../otp';
import { exportAegisEncrypted, exportAegisPlain } from './aegis';
import { exportGoogleQr } from './google-qr';
import { exportOtpauthList } from './otpauth';
import type { ExportEntry } from './types';
import { importedTags } from '../types';
import { ENCRYPTED_KINDS } from '../../../preload/views/export-kind';
import type { ExportKind } from '../../../preload/views/export-kind';

export { ENCRYPTED_KINDS, EXPORT_KINDS } from '../../../preload/views/export-kind';
export type { ExportKind } from '../../../preload/views/export-kind';

export interface ExportFile {
  /** '' for the one file of a kind; "-1-of-3" for each image of a Google export. */
  suffix: string;
  bytes: Buffer;
}

export interface ExportFilesResult {
  files: ExportFile[];
  /** Accounts the target cannot carry (Google: Steam, odd digits or periods). */
  unsupported: { account: Account; reason: string }[];
}

export interface ExportOptions {
  passphrase?: string;
  /** Required for 'otpauth': the person confirmed the file is unencrypted. */
  acknowledgeUnencrypted?: boolean;
  clock: { now(): number };
  /** KDF of a TrayOTP backup (tests pass cheap parameters). */
  kdf?: KdfChoice;
}

export async function exportFiles(
  kind: ExportKind,
  entries: ExportEntry[],
  options: ExportOptions,
): Promise<ExportFilesResult> {
  if (ENCRYPTED_KINDS.includes(kind) && !options.passphrase) {
    throw new Error(`A ${kind} export is encrypted and needs a passphrase.`);
  }
  const one = (data: string | Buffer): ExportFilesResult => ({
    files: [{ suffix: '', bytes: Buffer.from(data) }],
    unsupported: [],
  });
  switch (kind) {
    case 'trayotp': {
      const now = options.clock.now();
      const vaultEntries = entries.map((entry, index) =>
        newEntry(entry.account, randomUUID(), now, {
          tags: importedTags(entry),
          sortOrder: index,
        }),
      );
      return one(
        await encodeBackupFile(vaultEntries, options.passphrase!, {
          clock: options.clock,
          ...options.kdf,
        }),
      );
    }
    case 'aegis':
      return one(exportAegisPlain(entries));
    case 'aegis-encrypted':
      return one(await exportAegisEncrypted(entries, options.passphrase!));
    case 'otpauth':
      return one(
        exportOtpauthList(entries, {
          acknowledgeUnencrypted: options.acknowledgeUnencrypted === true,
        }),
      );
    case 'google-qr': {
      const { images, unsupported } = await exportGoogleQr(entries, {
        batchId: randomInt(-(2 ** 31), 2 ** 31),
      });
      return {
        files: images.map((image) => ({
          // Numbered even when alone, so a person scanning them knows the batch is complete.
          suffix: `-${image.index}-of-${image.count}`,
          bytes: image.png,
        })),
        unsupported,
      };
    }
  }
}

export class ExportWriteError extends Error {
  override readonly name = 'ExportWriteError';
}

/**
 * Writes the files beside `path` (the suffix goes before the extension), owner-only and never
 * over an existing file: it may be someone's only backup. Returns the paths written.
 */
export async function writeExportFiles(path: string, files: ExportFile[]): Promise<string[]> {
  const dot = path.lastIndexOf('.');
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const [stem, extension] = dot > slash ? [path.slice(0, dot), path.slice(dot)] : [path, ''];
  const written: string[] = [];
  for (const file of files) {
    const target = `${stem}${file.suffix}${extension}`;
    try {
      await writeFile(target, file.bytes, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new ExportWriteError(
        code === 'EEXIST'
          ? `"${target}" already exists; choose another name.`
          : `Cannot write "${target}": ${(error as Error).message}`,
      );
    }
    written.push(target);
  }
  return written;
}
