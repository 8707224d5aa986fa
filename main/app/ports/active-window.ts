// The window that has the keyboard focus, as far as account matching needs it: its title
// (a browser's title is the tab's title plus the browser's name), and the program it belongs to
// (the hotkey never types by title into a browser paired with TrayOTP's extension: a page
// writes its own title, so only the program, never the title, says a window is a browser's).
export interface ActiveWindow {
  /** The focused window's title, or undefined when there is none or it cannot be read. */
  title(): Promise<string | undefined>;
  /**
   * What the platform can tell of the program owning the focused window; undefined when there
   * is no focused window or nothing can be read. Absent where no adapter reads it.
   */
  program?(): Promise<FocusedProgram | undefined>;
}

/** The program owning the focused window, by what the operating system says of it. */
export interface FocusedProgram {
  /** Its process id (X11: _NET_WM_PID; Windows: GetWindowThreadProcessId; macOS: the app's pid). */
  pid?: number;
  /** Its executable's path (X11: /proc/<pid>/exe; Windows: the process image; macOS: proc_pidpath). */
  executable?: string;
  /** X11: WM_CLASS, the instance then the class ("chromium", "Chromium"). */
  windowClass?: readonly string[];
  /** macOS: the application's bundle identifier ("com.google.Chrome"). */
  bundleId?: string;
}
