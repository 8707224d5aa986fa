// File dialogs over Electron's `dialog`: pick a file to import or an image to scan (read here,
// with a size limit, so the use cases get bytes), or a path to save an export to.
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { BrowserWindow, Dialog } from 'electron';
import { MAX_KEY_FILE_BYTES } from '../app/ports/dialogs';
import type { FileDialogs, PickedFile } from '../app/ports/dialogs';
import type { FolderPicker } from '../app/ports/folder-picker';
import { AppError } from '../app/shared/user-errors';
import { MAX_IMPORT_BYTES, mib } from '../importers/budgets';
import { IMAGE_EXTENSIONS } from '../qr/image-kind';

/** An image to scan (not imported): no screenshot comes near this; a bigger file is a wrong pick. */
export const MAX_PICKED_BYTES = 64 * 1024 * 1024;

export class ElectronDialogs implements FileDialogs, FolderPicker {
  constructor(
    private readonly dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>,
    private readonly parent: () => BrowserWindow | undefined,
  ) {}

  pickImportFile(): Promise<PickedFile | undefined> {
    return this.#open(
      'Import accounts',
      [
        {
          name: 'Authenticator exports',
          extensions: [
            'json',
            'txt',
            'csv',
            'xml',
            'bin',
            '2fas',
            'aegis',
            'zip',
            'sqlite',
            'db',
            'kdbx',
            'kdb',
            ...IMAGE_EXTENSIONS,
            'trayotp',
          ],
        },
        { name: 'All files', extensions: ['*'] },
      ],
      // The importers' own cap (budgets.ts): a larger file is refused here, before it is read.
      MAX_IMPORT_BYTES,
    );
  }

  pickKeyFile(): Promise<PickedFile | undefined> {
    return this.#open(
      'Choose the key file',
      [
        { name: 'Key files', extensions: ['keyx', 'key'] },
        { name: 'All files', extensions: ['*'] },
      ],
      MAX_KEY_FILE_BYTES,
    );
  }

  pickImage(): Promise<PickedFile | undefined> {
    return this.#open('Scan a QR code image', [{ name: 'Images', extensions: IMAGE_EXTENSIONS }]);
  }

  async pickSavePath(suggestedName: string): Promise<string | undefined> {
    const options = { title: 'Export accounts', defaultPath: suggestedName };
    const window = this.parent();
    const result = window
      ? await this.dialog.showSaveDialog(window, options)
      : await this.dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? undefined : result.filePath;
  }

  /** A folder (the sync folder); the service checks it before using it. */
  async pickFolder(title: string): Promise<string | undefined> {
    const options = { title, properties: ['openDirectory' as const, 'createDirectory' as const] };
    const window = this.parent();
    const result = window
      ? await this.dialog.showOpenDialog(window, options)
      : await this.dialog.showOpenDialog(options);
    return result.canceled ? undefined : result.filePaths[0];
  }

  async #open(
    title: string,
    filters: { name: string; extensions: string[] }[],
    maxBytes = MAX_PICKED_BYTES,
  ) {
    const options = { title, filters, properties: ['openFile' as const] };
    const window = this.parent();
    const result = window
      ? await this.dialog.showOpenDialog(window, options)
      : await this.dialog.showOpenDialog(options);
    const path = result.canceled ? undefined : result.filePaths[0];
    if (!path) return undefined;
    return readPicked(path, maxBytes);
  }
}

export async function readPicked(path: string, maxBytes = MAX_PICKED_BYTES): Promise<PickedFile> {
  const info = await stat(path);
  if (!info.isFile()) throw new AppError('not-a-file', `${basename(path)} is not a file.`);
  if (info.size > maxBytes) {
    throw new AppError(
      'file-too-big',
      `${basename(path)} is ${mib(info.size)}; TrayOTP reads files of at most ${mib(maxBytes)} here, and no export is that big.`,
    );
  }
  return { fileName: basename(path), bytes: await readFile(path) };
}
