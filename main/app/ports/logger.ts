// Where failures nobody awaits go (a hotkey's typing, a background refresh, a resumed scan): one
// logger, passed in, so a test sees them and the app writes them in one place.
export interface Logger {
  error(message: string, error: unknown): void;
  warn(message: string): void;
}
