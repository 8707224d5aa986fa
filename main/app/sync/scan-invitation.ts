// An invitation's QR code on this screen (a remote desktop, a photo of the other screen): the
// window steps aside while the screen is read, as for any scan.
import type { Clock } from '../../time/clock';
import type { Scanner } from '../ports/scanner';
import type { TrayWindow } from '../ports/window';
import { AppError } from '../shared/user-errors';
import { getOutOfTheWay } from '../window/window-away';

export async function scanInvitation(deps: {
  scanner?: Pick<Scanner, 'scanScreen'> | undefined;
  window?: TrayWindow | undefined;
  clock: Clock;
}): Promise<{ invitation: string }> {
  const { scanner, window } = deps;
  if (!scanner) throw new AppError('no-scanner', 'This build of TrayOTP cannot scan the screen.');
  if (window) await getOutOfTheWay(window, deps.clock);
  let texts: string[];
  try {
    texts = await scanner.scanScreen();
  } finally {
    window?.show();
  }
  const invitation = texts.find((text) => text.startsWith('trayotp-invite:'));
  if (!invitation) {
    throw new AppError(
      'sync-no-invitation',
      'No TrayOTP invitation is on the screen: show its QR code (Settings → Sync → Invite a device on the other computer), or type its phrase.',
    );
  }
  return { invitation };
}
