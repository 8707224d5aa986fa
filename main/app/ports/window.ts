// The tray window as the use cases see it.
export interface TrayWindow {
  hide(): void;
  /** Whether the window is on screen now (a screen capture would include it). */
  isVisible?(): boolean;
}
