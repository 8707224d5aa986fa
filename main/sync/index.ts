// Sync's public surface (docs/sync.md). Electron-free: the folder watcher and clock are ports.
export * from './backup-follow';
export * from './engine';
export * from './errors';
export type { DeviceCard, DeviceProblem, FolderState } from './folder-read';
export * from './invitation';
export { newDeviceId, newSyncKey, syncKeyFrom } from './keys';
export type { SyncKey } from './keys';
export { merge } from './merge';
export type { MergeResult, MergedAccount } from './merge';
export { FsFolderWatcher } from './watch';
export type { FolderWatcher } from './watch';
export * from './backup-apps';
