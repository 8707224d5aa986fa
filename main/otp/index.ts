// The OTP engine's public surface. Everything here is pure and Electron-free.
export * from './account';
export * from './base32';
export * from './display-text';
export * from './errors';
export * from './generate';
export * from './migration';
export * from './uri';
export * from './validate';
