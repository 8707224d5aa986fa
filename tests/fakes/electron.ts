// Fakes of the Electron modules the platform adapters take (clipboard, globalShortcut,
// Notification): the same shapes as electron.d.ts, with knobs for the OS behaviours we must
// handle (a combination held by another app, a registration that silently does nothing).
import type { NotificationConstructorOptions } from 'electron';
import type { ElectronClipboardModule } from '../../main/platform/clipboard';
import type { ElectronGlobalShortcutModule } from '../../main/platform/global-shortcuts';

export class FakeElectronClipboard implements ElectronClipboardModule {
  text = '';
  readonly calls: string[] = [];

  async writeText(text: string): Promise<void> {
    this.calls.push(`writeText(${text})`);
    this.text = text;
  }

  async readText(): Promise<string> {
    this.calls.push('readText()');
    return this.text;
  }

  clear(): void {
    this.calls.push('clear()');
    this.text = '';
  }
}

export class FakeGlobalShortcut implements ElectronGlobalShortcutModule {
  readonly registered = new Map<string, () => void>();
  /** Held by another application: register() returns false. */
  readonly takenElsewhere = new Set<string>();
  /** register() says true but the OS never took it (isRegistered() stays false). */
  readonly silentlyIgnored = new Set<string>();
  suspended = false;

  register(accelerator: string, callback: () => void): boolean {
    // Electron throws on strings it cannot parse ("conversion failure").
    if (!/^([A-Za-z]+\+)*[A-Za-z0-9]+$/.test(accelerator) || accelerator.endsWith('+')) {
      throw new TypeError(`conversion failure from ${accelerator}`);
    }
    if (this.suspended || this.takenElsewhere.has(accelerator)) return false;
    if (this.registered.has(accelerator)) return false;
    if (this.silentlyIgnored.has(accelerator)) return true;
    this.registered.set(accelerator, callback);
    return true;
  }

  isRegistered(accelerator: string): boolean {
    return this.registered.has(accelerator);
  }

  isSuspended(): boolean {
    return this.suspended;
  }

  unregister(accelerator: string): void {
    this.registered.delete(accelerator);
  }

  unregisterAll(): void {
    this.registered.clear();
  }

  /** The user presses the combination. */
  press(accelerator: string): void {
    this.registered.get(accelerator)?.();
  }
}

/** A Notification class whose instances record themselves when shown. */
export function fakeNotificationClass(supported = true) {
  const shown: NotificationConstructorOptions[] = [];
  class FakeNotification {
    static isSupported(): boolean {
      return supported;
    }
    constructor(private readonly options: NotificationConstructorOptions) {}
    show(): void {
      shown.push(this.options);
    }
  }
  return { FakeNotification, shown };
}
