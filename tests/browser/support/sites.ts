// The loopback web sites of the browser suite, one HTTP server told apart by the Host header
// (Chromium maps the names to 127.0.0.1 with --host-resolver-rules):
// - panel.hostco.com: a hosting control panel; /security shows the 2FA setup QR code and a code
//   field, /login the sign-in with a one-time-code field, /split six one-digit boxes, /frames a
//   cross-origin iframe and a sandboxed iframe, /frames-covered the framed site under a
//   click-through layer, /covered a field under a transparent overlay;
// - panel.hostco-secure.com: a look-alike with the same title and field;
// - widget.othersite.net: a code field framed by the panel.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import QRCode from 'qrcode';

export const REAL = 'panel.hostco.com';
export const LOOKALIKE = 'panel.hostco-secure.com';
export const OTHER = 'widget.othersite.net';
export const HOSTS = [REAL, LOOKALIKE, OTHER];

export const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
export const OTPAUTH = `otpauth://totp/HostCo:alice@example.com?secret=${SECRET}&issuer=HostCo`;

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font:16px sans-serif;margin:40px} input{font:18px monospace;padding:6px;margin:4px}
.box{width:32px;text-align:center}</style></head><body>${body}</body></html>`;

const loginForm = `<h1>Log in</h1><form method="post" action="/done">
<label>Username <input name="username" autocomplete="username" value="alice"></label><br>
<label>Password <input type="password" name="password" autocomplete="current-password" value="pw"></label><br>
<label for="otp">Authentication code</label>
<input id="otp" name="otp" autocomplete="one-time-code" inputmode="numeric" maxlength="6"><br>
<button>Sign in</button></form>`;

export async function startSites(): Promise<{
  server: Server;
  port: number;
  url: (host: string, path: string) => string;
}> {
  const qr = await QRCode.toDataURL(OTPAUTH, { margin: 4, scale: 6 });
  const routes: Record<string, Record<string, string>> = {
    [REAL]: {
      '/login': page('Log in | HostCo', loginForm),
      '/security': page(
        'Security details | HostCo',
        `<h1>Two-factor authentication</h1><p>Scan this QR code with your authenticator app, then enter the code.</p>
<img id="qr" alt="QR code" src="${qr}" width="240" height="240"><br>
<label>Verification code <input id="verify" name="verify" autocomplete="one-time-code" maxlength="6" inputmode="numeric"></label>`,
      ),
      '/split': page(
        'Verify | HostCo',
        `<h1>Enter the code</h1><form><div id="boxes">${Array.from(
          { length: 6 },
          (_, i) =>
            `<input class="box" id="d${i}" maxlength="1" inputmode="numeric" aria-label="Digit ${i + 1}">`,
        ).join('')}</div></form>`,
      ),
      '/frames': page(
        'Frames | HostCo',
        `<h1>Frames</h1>
<iframe id="cross" src="http://${OTHER}:PORT/code" width="420" height="160"></iframe>
<iframe id="sandboxed" sandbox="allow-scripts allow-forms" src="/code" width="420" height="160"></iframe>`,
      ),
      '/frames-covered': page(
        'Frames | HostCo',
        `<h1>A frame under a layer</h1>
<iframe id="cross" src="http://${OTHER}:PORT/code" width="420" height="160"></iframe>
<div style="position:absolute;left:0;top:0;width:600px;height:400px;background:rgba(255,255,255,0.5);pointer-events:none"></div>`,
      ),
      '/code': page(
        'Code',
        `<label>Verification code <input id="otp" autocomplete="one-time-code" maxlength="6"></label>`,
      ),
      '/covered': page(
        'Log in | HostCo',
        `${loginForm}<div id="cover" style="position:fixed;inset:0;background:rgba(255,255,255,0.01)"></div>`,
      ),
    },
    [LOOKALIKE]: { '/login': page('Log in | HostCo', loginForm) },
    [OTHER]: {
      '/code': page(
        'Code',
        `<label>Verification code <input id="otp" autocomplete="one-time-code" maxlength="6"></label>`,
      ),
    },
  };
  let port = 0;
  const server = createServer((request, response) => {
    const host = (request.headers.host ?? '').replace(/:\d+$/, '');
    const path = (request.url ?? '/').split('?')[0]!;
    const body = routes[host]?.[path];
    if (!body) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(body.replaceAll('PORT', String(port)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
  return { server, port, url: (host, path) => `http://${host}:${port}${path}` };
}
