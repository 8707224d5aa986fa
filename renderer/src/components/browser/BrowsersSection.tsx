// Settings → Browsers (issue 16): the switch for the browser extension (off closes the socket
// and removes the host manifests), why TrayOTP cannot listen if it cannot, and the browsers
// paired with it: connected now or last seen, each with Revoke.
import { useCallback, useEffect, useId, useState } from 'react';
import type { BrowserInfo, BrowserStatus, Result } from '../../../../preload/contract';
import { api, call } from '../../lib/api';
import './browser.css';

function seenText(browser: BrowserInfo): string {
  if (browser.connected) return 'Connected now';
  const paired = `paired ${new Date(browser.pairedAt).toLocaleDateString()}`;
  if (browser.lastSeenAt === null) return `Not connected; ${paired}`;
  return `Last seen ${new Date(browser.lastSeenAt).toLocaleString()}; ${paired}`;
}

const load = () =>
  Promise.all([call(() => api().browserStatus()), call(() => api().browserList())]);

export function BrowsersSection() {
  const id = useId();
  const [status, setStatus] = useState<BrowserStatus | null>(null);
  const [browsers, setBrowsers] = useState<BrowserInfo[]>([]);
  const [error, setError] = useState<string | null>(null);

  /** A build without the bridge (no browser integration at all) shows no section. */
  const [absent, setAbsent] = useState(false);
  const apply = useCallback(
    ([nextStatus, list]: [Result<BrowserStatus>, Result<BrowserInfo[]>]) => {
      if (!nextStatus.ok && nextStatus.error.code === 'no-browser-bridge') return setAbsent(true);
      if (nextStatus.ok) setStatus(nextStatus.value);
      else setError(nextStatus.error.message);
      if (list.ok) setBrowsers(list.value);
      else setError(list.error.message);
    },
    [],
  );
  const refresh = useCallback(async () => apply(await load()), [apply]);

  useEffect(() => {
    let live = true;
    const pull = () =>
      void load().then((results) => {
        if (live) apply(results);
      });
    pull();
    const off = api().on('browsersChanged', pull);
    return () => {
      live = false;
      off();
    };
  }, [apply]);

  const setEnabled = async (enabled: boolean) => {
    setError(null);
    const result = await call(() => api().browserSetEnabled(enabled));
    if (!result.ok) setError(result.error.message);
    else setStatus(result.value);
    await refresh();
  };

  const revoke = async (browser: BrowserInfo) => {
    setError(null);
    const result = await call(() => api().browserRevoke(browser.id));
    if (!result.ok) setError(result.error.message);
    await refresh();
  };

  // Nothing until main answered (no flash of a disabled switch), nor in a build without the bridge.
  if (absent || (!status && !error)) return null;
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Browsers</h2>
      <label className="check">
        <input
          type="checkbox"
          checked={status?.enabled ?? false}
          disabled={!status}
          onChange={(event) => void setEnabled(event.target.checked)}
        />
        Let the TrayOTP browser extension fill codes (for sites bound to an account, while unlocked)
      </label>
      {status?.problem && (
        <p className="notice warning" role="status">
          {status.problem}
        </p>
      )}
      {status?.enabled && browsers.length === 0 && !status.problem && (
        <p className="hint">
          No browser is connected. Install the TrayOTP extension; its first request asks here to
          connect.
        </p>
      )}
      {browsers.length > 0 && (
        <ul className="browser-list" aria-label="Connected browsers">
          {browsers.map((browser) => (
            <li key={browser.id} className="browser-row">
              <div>
                <div className="browser-name">{browser.browser}</div>
                <div className="browser-seen">{seenText(browser)}</div>
              </div>
              <button
                type="button"
                className="danger"
                aria-label={`Revoke ${browser.browser}`}
                onClick={() => void revoke(browser)}
              >
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
