// The browser extension's app side (issue 16): the per-user socket, pairing, the protocol and
// binding codes to a page's registrable domain. Electron-free; main/index.ts wires it.
export * from './bridge';
export * from './domains';
export * from './framing';
export * from './manifests';
export * from './pairings';
export * from './protocol';
export * from './socket-path';
