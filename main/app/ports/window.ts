// The tray window as the use cases see it. Its views are named once, in the contract's leaf.
export type { NavigableView as ViewName } from '../../../preload/views/navigation';

export interface TrayWindow {
  hide(): void;
  /** Shows it: at the tray, or where the person is looking (the hotkey's picker). */
  show(options?: { nearCursor?: boolean }): void;
  /** Whether the window is on screen now (a screen capture would include it). */
  isVisible?(): boolean;
  /** Whether it has the keyboard focus (keys typed now would land in it). */
  isFocused?(): boolean;
}
