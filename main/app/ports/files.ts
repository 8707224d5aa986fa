// The file system as the app asks it things: only the facts it decides on (the sync folder's
// checks, main/app/sync/sync-folder.ts). The adapter is Node's (main/platform/node-files.ts),
// Electron-free, so tests use it for real on temporary folders.

/** What is at a path: its kind and, where the OS has owners, whose it is. */
export interface FileFacts {
  kind: 'directory' | 'file' | 'symlink' | 'other';
  /** The owner's user id (POSIX; 0 on Windows, which has no owners this way). */
  owner: number;
}

export interface Files {
  /** What is at `path`, following symbolic links; undefined when nothing is there. */
  stat(path: string): Promise<FileFacts | undefined>;
  /** What is at `path` itself (a symbolic link is a link); undefined when nothing is there. */
  lstat(path: string): Promise<FileFacts | undefined>;
  /** The path with every symbolic link resolved; rejects when it is not there. */
  realpath(path: string): Promise<string>;
  /** Whether this process may create files in the folder (write and search permission). */
  canWriteIn(folder: string): Promise<boolean>;
  /** The names in `folder`; [] when it is not there or cannot be read. */
  list(folder: string): Promise<string[]>;
}
