// The vault's public surface (docs/vault.md). Electron-free: the keychain comes in as a port.
export * from './backup-file';
export * from './backups';
export * from './entries';
export * from './errors';
export { FORMAT_VERSION } from './format';
export * from './kdf';
export * from './vault';
