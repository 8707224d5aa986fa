// Files the person picks: what to import, an image to scan, where to save an export. Each
// returns undefined when the person cancels.
export interface PickedFile {
  fileName: string;
  bytes: Uint8Array;
}

export interface FileDialogs {
  pickImportFile(): Promise<PickedFile | undefined>;
  pickImage(): Promise<PickedFile | undefined>;
  /** A path to write an export to; `suggestedName` includes the extension. */
  pickSavePath(suggestedName: string): Promise<string | undefined>;
}
