// The Wayland adapters over xdg-desktop-portal (docs/wayland.md): what compose.ts takes.
export { createPortalKeyTyper, toTypeResult } from './portal-key-typer';
export type {
  PortalKeyTyper,
  PortalKeyTyperOptions,
  PortalTypeFailureReason,
  PortalTypeOutcome,
  RestoreTokenStore,
} from './portal-key-typer';
export { createPortalScreenshot, DEFAULT_MAX_SCREENSHOT_BYTES } from './portal-screenshot';
export type {
  PortalScreenshot,
  PortalScreenshotOptions,
  ScreenshotFailureReason,
  ScreenshotOutcome,
} from './portal-screenshot';
export type { PortalFailureReason } from './remote-desktop';
