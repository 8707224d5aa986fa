// The window that has the keyboard focus, as far as account matching needs it: its title
// (a browser's title is the tab's title plus the browser's name).
export interface ActiveWindow {
  /** The focused window's title, or undefined when there is none or it cannot be read. */
  title(): Promise<string | undefined>;
}
