// Native notifications, for what happens while no TrayOTP window is open: a hotkey that fell back
// to the clipboard, a hotkey that could not be registered. Never put a code or a secret in one:
// notification centres keep a history and show it on lock screens.
export interface Notice {
  title: string;
  body: string;
}

export interface Notifier {
  notify(notice: Notice): void;
}
