// The pages of the journey's test site, a hosting control panel's two-factor set-up and login as
// such sites write them: a "Security Details" page whose "Two-Factor Authentication" button opens
// a popup that explains the steps, then shows the QR code (beside a "get an authenticator app"
// store code, the decoy a scanner must ignore), a 30-second countdown, a code field and "Done".

export const SITE_NAME = 'Hostwise';

const STYLE = `
  body { font: 16px/1.4 system-ui, sans-serif; margin: 0; background: #eef1f5; color: #1d2733; }
  header { background: #14365c; color: #fff; padding: 14px 28px; font-size: 20px; }
  main { max-width: 880px; margin: 28px auto; background: #fff; padding: 24px 32px; border-radius: 8px; }
  button { font: inherit; padding: 8px 18px; border-radius: 6px; border: 1px solid #14365c; background: #1f5fa8; color: #fff; cursor: pointer; }
  input { font: inherit; padding: 8px; border: 1px solid #8a99ab; border-radius: 4px; }
  .error { color: #a4161a; font-weight: 600; }
  .ok { color: #1b6e3c; font-weight: 600; }
  #backdrop { position: fixed; inset: 0; background: rgba(20, 30, 45, 0.55); display: none; }
  #popup { position: fixed; top: 40px; left: 50%; transform: translateX(-50%); width: 760px;
           background: #fff; border-radius: 10px; padding: 20px 28px; display: none; }
  .codes { display: flex; gap: 48px; align-items: flex-start; }
  .codes figure { margin: 0; text-align: center; }
  .codes figcaption { font-size: 13px; color: #4a5868; max-width: 220px; }
  .secret { font-family: monospace; letter-spacing: 1px; }
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title><style>${STYLE}</style></head>
<body><header>${SITE_NAME} Control Panel</header><main>${body}</main></body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** "Security Details" for a signed-in user, with the two-factor set-up popup. */
export function securityPage(user: string, storeQrDataUrl: string): string {
  return page(
    `Security Details – ${SITE_NAME} Control Panel`,
    `<h1>Security Details</h1>
<p>Signed in as <b>${escapeHtml(user)}</b>.</p>
<h2>Password</h2><p>Last changed 3 months ago.</p>
<h2>Two-Factor Authentication</h2>
<p id="tfa-status">Two-factor authentication is <b>off</b>.</p>
<button id="tfa-open">Two-Factor Authentication</button>
<div id="backdrop"></div>
<section id="popup" role="dialog" aria-labelledby="popup-title">
  <h2 id="popup-title">Set up two-factor authentication</h2>
  <div id="intro">
    <ol>
      <li>Install an authenticator app on your phone or computer.</li>
      <li>Scan the QR code we show next with it.</li>
      <li>Type the 6-digit code the app shows, within 30 seconds, and click <b>Done</b>.</li>
    </ol>
    <button id="tfa-continue">Continue</button>
  </div>
  <div id="setup" hidden>
    <div class="codes">
      <figure><img id="qr" alt="QR code for your authenticator app" width="200" height="200">
        <figcaption>Scan with your authenticator app</figcaption></figure>
      <figure><img src="${storeQrDataUrl}" alt="QR code: get an authenticator app" width="140" height="140">
        <figcaption>No authenticator app yet? Scan to download one from the app store.</figcaption></figure>
    </div>
    <p>Can't scan? Enter this key: <span class="secret" id="secret"></span></p>
    <p>Time left: <b id="countdown">30</b> s</p>
    <label>6-digit code <input id="otp" inputmode="numeric" autocomplete="one-time-code" maxlength="6"></label>
    <button id="tfa-done">Done</button>
    <p id="setup-message" role="status"></p>
  </div>
</section>
<script>
  const user = ${JSON.stringify(user)};
  const $ = (id) => document.getElementById(id);
  let deadline = 0;
  let timer;
  async function start(message) {
    const reply = await fetch('/api/2fa/start', { method: 'POST', body: JSON.stringify({ user }) });
    const setup = await reply.json();
    $('qr').src = setup.qr;
    $('secret').textContent = setup.secret.replace(/(.{4})/g, '$1 ').trim();
    $('otp').value = '';
    $('setup-message').textContent = message || '';
    $('setup-message').className = message ? 'error' : '';
    // The server's deadline, counted down on this page's own clock.
    deadline = performance.now() + (setup.expiresAt - setup.serverNow);
    clearInterval(timer);
    timer = setInterval(tick, 250);
    tick();
  }
  function tick() {
    const left = Math.max(0, Math.ceil((deadline - performance.now()) / 1000));
    $('countdown').textContent = String(left);
    if (left === 0) start('Time is up. Scan the new QR code and enter the code it gives.');
  }
  $('tfa-open').onclick = () => {
    $('backdrop').style.display = 'block';
    $('popup').style.display = 'block';
  };
  $('tfa-continue').onclick = () => {
    $('intro').hidden = true;
    $('setup').hidden = false;
    start();
  };
  $('tfa-done').onclick = async () => {
    const reply = await fetch('/api/2fa/confirm', {
      method: 'POST',
      body: JSON.stringify({ user, code: $('otp').value }),
    });
    const result = await reply.json();
    if (result.enabled) {
      clearInterval(timer);
      $('setup').hidden = true;
      $('popup-title').textContent = 'Two-factor authentication is on';
      $('tfa-status').innerHTML = 'Two-factor authentication is <b>on</b>.';
      $('tfa-status').className = 'ok';
      $('backdrop').style.display = 'none';
      $('popup').style.display = 'none';
    } else if (result.error === 'expired') {
      start(result.message);
    } else {
      $('setup-message').textContent = result.message;
      $('setup-message').className = 'error';
    }
  };
</script>`,
  );
}

/** The login page: username, password and one-time passcode. */
export function loginPage(options: { username?: string; error?: string } = {}): string {
  return page(
    `Log in – ${SITE_NAME}`,
    `<h1>Log in to ${SITE_NAME}</h1>
${options.error ? `<p id="error" class="error" role="alert">${escapeHtml(options.error)}</p>` : ''}
<form method="post" action="/login">
  <p><label>Username <input id="username" name="username" value="${escapeHtml(options.username ?? '')}" autocomplete="username"></label></p>
  <p><label>Password <input id="password" name="password" type="password" autocomplete="current-password"></label></p>
  <p><label>One-time passcode <input id="otp" name="otp" inputmode="numeric" autocomplete="one-time-code" maxlength="6"></label></p>
  <button id="login" type="submit">Log in</button>
</form>`,
  );
}

export function dashboardPage(user: string): string {
  return page(
    `Dashboard – ${SITE_NAME}`,
    `<h1>Dashboard</h1><p id="welcome" class="ok">Signed in as ${escapeHtml(user)}.</p>`,
  );
}
