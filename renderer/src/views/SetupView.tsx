// "Set up two-step": where a site lets you turn on two-step verification, from the 2FA Directory
// (opt-in: until the person turns it on, this view explains what would be downloaded, and from
// where, and downloads nothing). Search by name or domain, browse by category, open a site's
// instructions in the browser, see which sites you already have, and scan the QR code the site
// then shows.
import { useEffect, useRef, useState } from 'react';
import type {
  DirectorySiteView,
  DirectoryStatus,
  Result,
  ScanResult,
} from '../../../preload/contract';
import { ErrorMessage, Field, TextField } from '../components/Field';
import { useNotify } from '../components/Toasts';
import { api, call } from '../lib/api';
import { DIRECTORY_COPYRIGHT, DIRECTORY_HOME, MIT_PERMISSION } from '../lib/directory-licence';
import { plural } from '../lib/plural';

function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function OptIn({
  status,
  busy,
  onEnable,
}: {
  status: DirectoryStatus;
  busy: boolean;
  onEnable: () => void;
}) {
  return (
    <section aria-labelledby="directory-optin-title">
      <h2 id="directory-optin-title">Find where to turn it on</h2>
      <p>
        The 2FA Directory ({DIRECTORY_HOME}) lists about 1,300 sites that work with authenticator
        codes, each with a link to its own instructions. TrayOTP can download that list so you can
        search it here.
      </p>
      <ul>
        <li>
          One public file (about 260 kB) from <strong>{hostOf(status.source)}</strong>, checked for
          updates at most once a week.
        </li>
        <li>Nothing about your accounts is sent: the request is the same for everyone.</li>
        <li>It is kept in TrayOTP’s data folder; turning it off deletes it.</li>
      </ul>
      <p className="hint">TrayOTP works fully without it.</p>
      <button type="button" className="primary" disabled={busy} onClick={onEnable}>
        {busy ? 'Downloading…' : 'Download the directory'}
      </button>
    </section>
  );
}

function SiteRow({
  site,
  onOpen,
}: {
  site: DirectorySiteView;
  onOpen: (site: DirectorySiteView) => void;
}) {
  return (
    <li className="site-row">
      <div className="site-labels">
        <span className="site-name">{site.name}</span>
        {site.hasAccount && <span className="badge account-mark">You have an account</span>}
        <span className="site-domain">{site.domain}</span>
      </div>
      {site.hasDocumentation ? (
        <button
          type="button"
          aria-label={`Instructions for ${site.name} (opens in your browser)`}
          onClick={() => onOpen(site)}
        >
          Instructions
        </button>
      ) : (
        <button
          type="button"
          aria-label={`Open site: ${site.name} (no instructions listed; opens in your browser)`}
          onClick={() => onOpen(site)}
        >
          Open site
        </button>
      )}
    </li>
  );
}

function Attribution() {
  return (
    <footer className="directory-attribution">
      <p className="hint">
        Site list: the 2FA Directory by 2factorauth and contributors, under the MIT License.
      </p>
      <details>
        <summary>MIT License of the site list</summary>
        {DIRECTORY_COPYRIGHT.map((line) => (
          <p key={line} className="hint">
            {line}
          </p>
        ))}
        {MIT_PERMISSION.split('\n\n').map((paragraph) => (
          <p key={paragraph.slice(0, 24)} className="hint licence-text">
            {paragraph}
          </p>
        ))}
      </details>
    </footer>
  );
}

export function SetupView({
  onClose,
  onScanned,
  onChanged,
}: {
  onClose: () => void;
  /** A screen scan from here: the Add view shows what it found. */
  onScanned: (scan: Result<ScanResult>) => void;
  /** The directory was turned on or off: account icons may change. */
  onChanged: () => void;
}) {
  const { toast } = useNotify();
  const [status, setStatus] = useState<DirectoryStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [scanning, setScanning] = useState(false);
  const [text, setText] = useState('');
  const [category, setCategory] = useState('');
  const [found, setFound] = useState<{ sites: DirectorySiteView[]; total: number } | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  // A background refresh (weekly) while the view is open.
  useEffect(() => api().on('directory', setStatus), []);

  useEffect(() => {
    heading.current?.focus();
    void call(() => api().directoryStatus()).then((result) => {
      if (result.ok) setStatus(result.value);
      else setError(result.error.message);
    });
  }, []);

  const hasCopy = status?.enabled === true && status.fetchedAt !== null;
  useEffect(() => {
    if (!hasCopy) return;
    // Typing fast sends several searches; only the latest may fill the list.
    let stale = false;
    void call(() => api().directorySearch({ text, ...(category && { category }) })).then(
      (result) => {
        if (stale) return;
        if (result.ok) setFound(result.value);
        else setError(result.error.message);
      },
    );
    return () => {
      stale = true;
    };
  }, [hasCopy, status?.fetchedAt, text, category]);

  const change = async (run: () => Promise<Result<DirectoryStatus>>, changed = false) => {
    setBusy(true);
    setError(null);
    const result = await call(run);
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    setStatus(result.value);
    if (changed) onChanged();
  };

  const scan = async () => {
    setScanning(true);
    const result = await call(() => api().scanScreen());
    setScanning(false);
    onScanned(result);
  };

  const open = async (site: DirectorySiteView) => {
    const result = await call(() => api().directoryOpenDocumentation(site.id));
    if (!result.ok) toast({ message: result.error.message });
  };

  return (
    <main className="view setup-view">
      <div className="view-header">
        <h1 ref={heading} tabIndex={-1}>
          Set up two-step
        </h1>
        <button type="button" onClick={onClose}>
          Back
        </button>
      </div>
      <p className="hint">
        Turn on two-step verification in the site’s security settings; when it shows a QR code, scan
        it.
      </p>
      <button type="button" className="primary" disabled={scanning} onClick={() => void scan()}>
        {scanning ? 'Scanning…' : 'Scan QR from screen'}
      </button>
      <ErrorMessage message={error} />
      {!status ? (
        <p role="status">Loading…</p>
      ) : !status.enabled ? (
        <OptIn
          status={status}
          busy={busy}
          onEnable={() => void change(() => api().directorySetEnabled(true), true)}
        />
      ) : (
        <>
          {status.error && (
            <p className="notice warning" role="alert">
              Could not update the directory: {status.error}
              {status.fetchedAt && ` The copy from ${formatDate(status.fetchedAt)} is still used.`}
            </p>
          )}
          {hasCopy ? (
            <section aria-labelledby="sites-title">
              <h2 id="sites-title">Sites</h2>
              <form role="search" aria-label="Sites" onSubmit={(event) => event.preventDefault()}>
                <TextField
                  label="Search by name or domain"
                  type="search"
                  value={text}
                  autoComplete="off"
                  spellCheck={false}
                  placeholder="GitHub, github.com…"
                  onChange={(event) => setText(event.target.value)}
                />
                <Field label="Category">
                  {(ids) => (
                    <select
                      {...ids}
                      value={category}
                      onChange={(event) => setCategory(event.target.value)}
                    >
                      <option value="">All categories ({status.siteCount})</option>
                      {status.categories.map((c) => (
                        <option key={c.name} value={c.name}>
                          {c.name} ({c.count})
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              </form>
              <p role="status" className="hint">
                {found === null
                  ? 'Searching…'
                  : found.total === 0
                    ? 'No site matches; try part of its name or its domain.'
                    : found.total > found.sites.length
                      ? `Showing ${found.sites.length} of ${found.total} sites; type to narrow down.`
                      : `${found.total} ${found.total === 1 ? 'site' : 'sites'}`}
              </p>
              <ul className="site-list" aria-label="Sites found">
                {found?.sites.map((site) => (
                  <SiteRow key={site.id} site={site} onOpen={(s) => void open(s)} />
                ))}
              </ul>
            </section>
          ) : (
            <p>{busy || status.updating ? 'Downloading the directory…' : 'No copy yet.'}</p>
          )}
          <div className="directory-meta">
            <p className="hint">
              {status.fetchedAt
                ? `${plural(status.siteCount, 'site')}, downloaded ${formatDate(status.fetchedAt)} from ${hostOf(status.source)}.`
                : `From ${hostOf(status.source)}.`}
            </p>
            <div className="buttons">
              <button
                type="button"
                disabled={busy}
                onClick={() => void change(() => api().directoryUpdate())}
              >
                {busy ? 'Updating…' : 'Update now'}
              </button>
              <button
                type="button"
                disabled={busy}
                onClick={() => void change(() => api().directorySetEnabled(false), true)}
              >
                Turn off and delete
              </button>
            </div>
          </div>
          <Attribution />
        </>
      )}
    </main>
  );
}
