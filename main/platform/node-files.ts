// The Files port (main/app/ports/files.ts) over node:fs. Electron-free: the app's tests use it on
// real temporary folders.
import { constants } from 'node:fs';
import type { Stats } from 'node:fs';
import { access, lstat, readdir, realpath, stat } from 'node:fs/promises';
import type { FileFacts, Files } from '../app/ports/files';

function factsOf(info: Stats): FileFacts {
  const kind = info.isDirectory()
    ? 'directory'
    : info.isFile()
      ? 'file'
      : info.isSymbolicLink()
        ? 'symlink'
        : 'other';
  return { kind, owner: info.uid };
}

export const nodeFiles: Files = {
  stat: (path) => stat(path).then(factsOf, () => undefined),
  lstat: (path) => lstat(path).then(factsOf, () => undefined),
  realpath: (path) => realpath(path),
  canWriteIn: (folder) =>
    access(folder, constants.W_OK | constants.X_OK).then(
      () => true,
      () => false,
    ),
  list: (folder) => readdir(folder).catch(() => []),
};
