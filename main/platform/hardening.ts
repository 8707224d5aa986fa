// Electron's security checklist, applied in one place: no navigation away from our pages, no
// new windows, no webviews, every permission request denied, external links only for the https
// addresses TrayOTP itself writes.
import type { Session, Shell, WebContents } from 'electron';
import { APP_ORIGIN } from './app-protocol';

/** Links the app may open in the browser (help pages it writes itself). */
export const EXTERNAL_LINKS: readonly string[] = [
  'https://github.com/trayotp/trayotp#readme',
  'https://support.apple.com/guide/mac-help/control-access-to-screen-recording-on-mac-mchld6aa7d23/mac',
];

export function isOurPage(url: string, devServer?: string): boolean {
  if (url.startsWith(`${APP_ORIGIN}/`)) return true;
  return devServer !== undefined && url.startsWith(devServer);
}

export function isAllowedExternal(url: string): boolean {
  return url.startsWith('https://') && EXTERNAL_LINKS.includes(url);
}

export function hardenWebContents(
  contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>,
  shell: Pick<Shell, 'openExternal'>,
  devServer?: string,
): void {
  contents.on('will-navigate', (event, url) => {
    if (!isOurPage(url, devServer)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isOurPage(url, devServer)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

/** Our pages ask for no permission: screen capture happens in main via desktopCapturer. */
export function hardenSession(
  session: Pick<
    Session,
    'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDisplayMediaRequestHandler'
  >,
): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback(null));
}
