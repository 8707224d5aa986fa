// Notifier port on Electron's Notification. Where the platform has no notification service
// (Notification.isSupported() is false: some Linux sessions without a notification daemon) the
// notice goes to `fallback` (the app passes a logger), so a failure is never silent.
import type { Notification, NotificationConstructorOptions } from 'electron';
import type { Notice, Notifier } from '../app/ports/notifier';

export interface ElectronNotificationModule {
  isSupported(): boolean;
  new (options: NotificationConstructorOptions): Pick<Notification, 'show'>;
}

export function createElectronNotifier(
  NotificationClass: ElectronNotificationModule,
  fallback: (notice: Notice) => void,
): Notifier {
  return {
    notify(notice: Notice): void {
      if (!NotificationClass.isSupported()) {
        fallback(notice);
        return;
      }
      // Silent: these notices explain a fallback; a sound on every hotkey press would grate.
      new NotificationClass({ title: notice.title, body: notice.body, silent: true }).show();
    },
  };
}
