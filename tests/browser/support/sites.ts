// The loopback web sites of the browser suite, told apart by the Host header (Chromium maps the
// names to 127.0.0.1 with --host-resolver-rules). They are served over HTTPS with a certificate
// from the harness's throwaway CA (site-ca.ts), and the same pages over plain HTTP on another
// port, where the extension must refuse (issue 23, R6):
// - panel.hostco.com: a hosting control panel; /security shows the 2FA setup QR code and a code
//   field, /login the sign-in with a one-time-code field, /split six one-digit boxes, /frames a
//   cross-origin iframe and a sandboxed iframe, /frames-covered the framed site under a
//   click-through layer, /frames-clear the framed site under a fully transparent click-through
//   layer, /covered a field under a transparent overlay, /covered-click-through a field under a
//   transparent pointer-events:none layer, /shadow a field inside open shadow roots,
//   /shadow-covered the same under a click-through layer;
// - panel.hostco-secure.com: a look-alike with the same title and field;
// - widget.othersite.net: a code field framed by the panel.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { makeSiteCa } from './site-ca';
import type { SiteCa } from './site-ca';

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

/** A sign-in widget that keeps its code field in an open shadow root, inside another one. */
const shadowWidget = `<h1>Log in</h1><signin-box id="outer"></signin-box>
<script>
customElements.define('code-box', class extends HTMLElement {
  connectedCallback() {
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = '<label for="otp">Authentication code</label> ' +
      '<input id="otp" autocomplete="one-time-code" inputmode="numeric" maxlength="6">';
  }
});
customElements.define('signin-box', class extends HTMLElement {
  connectedCallback() {
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = '<form><p>Enter the code from your app</p><code-box id="inner"></code-box></form>';
  }
});
</script>`;

const clickThrough = (style: string) =>
  `<div id="layer" style="position:absolute;left:0;top:0;width:700px;height:500px;pointer-events:none;${style}"></div>`;

const frameOf = (title: string, extra: string) =>
  page(
    'Frames | HostCo',
    `<h1>${title}</h1>
<iframe id="cross" src="https://${OTHER}:PORT/code" width="420" height="260"></iframe>${extra}`,
  );

export interface Sites {
  /** The HTTPS server (every page). */
  server: Server;
  /** The same pages over plain HTTP. */
  plain: Server;
  port: number;
  httpPort: number;
  ca: SiteCa;
  /** A page's https: address. */
  url: (host: string, path: string) => string;
  /** The same page's http: address (the extension refuses there). */
  httpUrl: (host: string, path: string) => string;
  close: () => Promise<void>;
}

export async function startSites(): Promise<Sites> {
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
      '/frames': frameOf(
        'Frames',
        `\n<iframe id="sandboxed" sandbox="allow-scripts allow-forms" src="/code" width="420" height="160"></iframe>`,
      ),
      '/frames-covered': frameOf(
        'A frame under a layer',
        clickThrough('background:rgba(255,255,255,0.5)'),
      ),
      '/frames-clear': frameOf(
        'A frame under a clear layer',
        clickThrough('background:transparent'),
      ),
      '/code': page(
        'Code',
        `<label>Verification code <input id="otp" autocomplete="one-time-code" maxlength="6"></label>`,
      ),
      '/covered': page(
        'Log in | HostCo',
        `${loginForm}<div id="cover" style="position:fixed;inset:0;background:rgba(255,255,255,0.01)"></div>`,
      ),
      '/covered-click-through': page(
        'Log in | HostCo',
        `${loginForm}${clickThrough('background:transparent')}`,
      ),
      '/shadow': page('Log in | HostCo', shadowWidget),
      '/shadow-covered': page(
        'Log in | HostCo',
        `${shadowWidget}${clickThrough('background:rgba(255,255,255,0.02)')}`,
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
  const serve = (request: IncomingMessage, response: ServerResponse) => {
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
  };
  const caDir = await mkdtemp(join(tmpdir(), 'trayotp-site-ca-'));
  const ca = makeSiteCa(caDir, HOSTS);
  const server = createHttpsServer({ key: ca.key, cert: ca.cert }, serve) as unknown as Server;
  const plain = createServer(serve);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
  const httpPort = (plain.address() as { port: number }).port;
  return {
    server,
    plain,
    port,
    httpPort,
    ca,
    url: (host, path) => `https://${host}:${port}${path}`,
    httpUrl: (host, path) => `http://${host}:${httpPort}${path}`,
    close: async () => {
      for (const s of [server, plain]) {
        s.closeAllConnections();
        s.close();
      }
      await rm(caDir, { recursive: true, force: true });
    },
  };
}
