// A folder the person picks (the sync folder): its path, or undefined when they cancel. The
// adapter is Electron's open dialog (main/platform/dialogs.ts); what is picked is checked by the
// service that uses it, never trusted as it comes.
export interface FolderPicker {
  pickFolder(title: string): Promise<string | undefined>;
}
