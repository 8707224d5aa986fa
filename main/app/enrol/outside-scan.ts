// A scan started outside the window (the tray's Scan QR from screen / Scan region…, the scan
// hotkey): nobody waits on its promise, so a failure is logged and told in a notification —
// one nobody sees would look like a hang.
import type { Logger } from '../ports/logger';
import type { Notifier } from '../ports/notifier';
import { toUserError } from '../shared/user-errors';
import type { Scans } from './scans';

export function scanFromOutside(
  scans: Pick<Scans, 'fromShortcut'>,
  kind: 'screen' | 'region',
  notifier: Notifier,
  log: Logger,
): void {
  scans.fromShortcut(kind).catch((error: unknown) => {
    log.error('a scan from the tray or hotkey failed', error);
    notifier.notify({
      title: 'Could not scan the screen',
      body: toUserError(error)?.message ?? 'Something went wrong inside TrayOTP.',
    });
  });
}
