// The tray icon and its menu. The menu is rebuilt from state in one render(): the model comes
// from main/app/shared/tray-menu.ts (a pure function, table-tested); this adapter only turns it into
// Electron MenuItems and schedules the next rebuild, when a code's period turns over.
import type { Menu, MenuItemConstructorOptions, Tray } from 'electron';
import type { Clock, TimerHandle } from '../time/clock';
import { nextTrayRebuildAt, trayMenu } from '../app/shared/tray-menu';
import type { TrayAction, TrayMenuItem, TrayState } from '../app/shared/tray-menu';

export interface TrayDeps {
  tray: Pick<Tray, 'setContextMenu' | 'setToolTip'>;
  buildMenu: (template: MenuItemConstructorOptions[]) => Menu;
  clock: Clock;
  platform: string;
  /** The current state, read at every rebuild (so the seconds left are fresh). */
  state: () => TrayState;
  onAction: (action: TrayAction) => void;
}

/** Electron treats '&' in labels as a mnemonic marker on Windows and Linux. */
export function escapeLabel(label: string, platform: string): string {
  return platform === 'darwin' ? label : label.replace(/&/g, '&&');
}

export function menuTemplate(
  items: TrayMenuItem[],
  platform: string,
  onAction: (action: TrayAction) => void,
): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    if (item.kind === 'separator') return { type: 'separator' };
    const action = item.action;
    return {
      id: item.id,
      label: escapeLabel(item.label, platform),
      enabled: item.enabled,
      ...(item.accelerator && { accelerator: item.accelerator, registerAccelerator: false }),
      ...(action && { click: () => onAction(action) }),
    };
  });
}

export class TrayService {
  #timer: TimerHandle | undefined;

  constructor(private readonly deps: TrayDeps) {}

  /** Rebuilds the menu now and schedules the next rebuild. */
  render(): void {
    const { deps } = this;
    const state = deps.state();
    deps.tray.setContextMenu(
      deps.buildMenu(menuTemplate(trayMenu(state), deps.platform, deps.onAction)),
    );
    deps.tray.setToolTip(state.locked ? 'TrayOTP (locked)' : 'TrayOTP');
    this.#schedule(nextTrayRebuildAt(state, 5));
  }

  dispose(): void {
    if (this.#timer) this.deps.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #schedule(at: number | undefined): void {
    this.dispose();
    if (at === undefined) return;
    this.#timer = this.deps.clock.setTimeout(
      () => {
        this.#timer = undefined;
        this.render();
      },
      Math.max(0, at - this.deps.clock.now()),
    );
  }
}
