// The tray window as the use cases see it.
export type ViewName = 'codes' | 'add' | 'picker' | 'settings';

export interface TrayWindow {
  hide(): void;
  /** Shows it: at the tray, or where the person is looking (the hotkey's picker). */
  show(options?: { nearCursor?: boolean }): void;
  /** Whether the window is on screen now (a screen capture would include it). */
  isVisible?(): boolean;
  /** Whether it has the keyboard focus (keys typed now would land in it). */
  isFocused?(): boolean;
}
