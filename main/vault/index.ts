// The vault's public surface (docs/vault.md). Electron-free: the keychain comes in as a port.
export * from './backup-file';
export * from './binding-migration';
export * from './backups';
export * from './entries';
export * from './errors';
export { DEFAULT_LOCK_WAIT_MS } from './file-lock';
export { FORMAT_VERSION, MAX_VAULT_FILE_BYTES } from './format';
export * from './kdf';
export * from './keychain';
export * from './vault';
export * from './save-events';
export * from './watch-file';
