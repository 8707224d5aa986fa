// The app's Logger in the Electron process: the terminal that started it, or the system log
// Electron forwards stderr to.
import type { Logger } from '../app/ports/logger';

export const consoleLogger: Logger = {
  error: (message, error) => console.error(`TrayOTP: ${message}:`, error),
  warn: (message) => console.warn(`TrayOTP: ${message}`),
};
