// Files the person picks: what to import, an image to scan, where to save an export. Each
// returns undefined when the person cancels.
export interface PickedFile {
  fileName: string;
  bytes: Uint8Array;
}

/** KeePass hashes any file as a key file; real ones are XML, 32 or 64 bytes, or a small file. */
export const MAX_KEY_FILE_BYTES = 1024 * 1024;

export interface FileDialogs {
  pickImportFile(): Promise<PickedFile | undefined>;
  pickImage(): Promise<PickedFile | undefined>;
  /** A KeePass key file (any file can be one), at most MAX_KEY_FILE_BYTES. */
  pickKeyFile(): Promise<PickedFile | undefined>;
  /** A path to write an export to; `suggestedName` includes the extension. */
  pickSavePath(suggestedName: string): Promise<string | undefined>;
}
