// The extension's own UI in a page: its buttons and its message box, each in a closed shadow
// root (the page sees that something is there, never what it says). These elements never count
// as a cover over a field (fill.ts is given them as `own`).

export const hosts = new Set<Element>();

const STYLE = `
  :host { all: initial; }
  button { all: initial; box-sizing: border-box; cursor: pointer; font: 12px/1 system-ui, sans-serif;
    background: #1f6feb; color: #fff; border-radius: 4px; padding: 3px 6px; display: inline-block; }
  button.secondary { background: #fff; color: #1f4fb0; border: 1px solid #1f4fb0; }
  .box { font: 13px/1.4 system-ui, sans-serif; background: #fff; color: #111; border: 1px solid #888;
    border-radius: 6px; padding: 8px 10px; box-shadow: 0 2px 8px #0004; max-width: 320px;
    max-height: calc(100vh - 16px); overflow: auto; box-sizing: border-box; }
  .box strong { font-weight: 600; }
  .box p { margin: 4px 0 0; }
  .box button { margin: 6px 6px 0 0; }
`;

export function makeHost(tag: string): { host: HTMLElement; root: ShadowRoot } {
  const host = document.createElement(tag);
  host.style.cssText =
    'position:fixed;z-index:2147483647;margin:0;padding:0;border:0;display:block;';
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = STYLE;
  root.append(style);
  document.documentElement.append(host);
  hosts.add(host);
  return { host, root };
}

export interface Action {
  label: string;
  run: () => void;
  /** Drawn as a plain outline: not the action the message invites. */
  secondary?: boolean;
}

let toast: { host: HTMLElement; root: ShadowRoot; timer?: number } | undefined;

/**
 * Shows a message near `anchor` (or the top right), with optional actions. `text` is the first
 * line (what happened); `more` are the lines below it.
 */
export function say(
  text: string,
  anchor?: Element,
  actions: Action[] = [],
  more: string[] = [],
): void {
  if (!toast) toast = makeHost('trayotp-message');
  const { host, root } = toast;
  root.querySelector('.box')?.remove();
  const box = document.createElement('div');
  box.className = 'box';
  box.setAttribute('role', actions.length ? 'alertdialog' : 'status');
  const line = document.createElement('div');
  const name = document.createElement('strong');
  name.textContent = 'TrayOTP: ';
  line.append(name, text);
  box.append(line);
  for (const paragraph of more) {
    const p = document.createElement('p');
    p.textContent = paragraph;
    box.append(p);
  }
  for (const action of actions) {
    const button = document.createElement('button');
    button.textContent = action.label;
    if (action.secondary) button.className = 'secondary';
    button.addEventListener('click', (event) => {
      // Only a real click: a page can dispatch events at our host, never trusted ones.
      if (!event.isTrusted) return;
      box.remove();
      action.run();
    });
    box.append(button);
  }
  root.append(box);
  const rect = anchor?.getBoundingClientRect();
  // Below the anchor, kept inside the window: in a small frame a box that runs past the edge
  // would hide its own buttons.
  const size = box.getBoundingClientRect();
  const below = rect ? rect.bottom + 6 : 8;
  const above = rect ? rect.top - size.height - 6 : -1;
  const top =
    below + size.height <= window.innerHeight - 4
      ? below
      : above >= 4
        ? above
        : Math.max(4, window.innerHeight - size.height - 4);
  const left = Math.min(
    rect ? rect.left : window.innerWidth - 340,
    window.innerWidth - size.width - 4,
  );
  host.style.top = `${Math.max(4, top)}px`;
  host.style.left = `${Math.max(4, left)}px`;
  window.clearTimeout(toast.timer);
  toast.timer = window.setTimeout(() => box.remove(), actions.length ? 30_000 : 10_000);
}

/** Takes a message away (a fill went through: the pairing code is no longer news). */
export function quiet(): void {
  toast?.root.querySelector('.box')?.remove();
}
