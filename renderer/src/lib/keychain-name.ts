// The system keychain by the name a person knows it by, not Electron's backend id
// (safeStorage.getSelectedStorageBackend(): "gnome_libsecret", "kwallet6"…).
const NAMES: Record<string, string> = {
  gnome_libsecret: 'GNOME Keyring or another Secret Service',
  kwallet: 'KDE Wallet',
  kwallet5: 'KDE Wallet',
  kwallet6: 'KDE Wallet',
  basic_text: 'a plain-text store',
  macos_keychain: 'the macOS Keychain',
  windows_dpapi: 'Windows Data Protection',
};

export function keychainName(backend: string | null): string | undefined {
  if (backend === null || backend === 'unknown') return undefined;
  return NAMES[backend] ?? backend;
}
