// The tray window as the use cases see it.
export interface TrayWindow {
  hide(): void;
}
