// Set up two-step, before the 2FA Directory is turned on: what would be downloaded, from
// where, and what is not sent; nothing is downloaded until the person chooses to.
import type { DirectoryStatus } from '../../../../preload/contract';
import { DIRECTORY_HOME } from '../../lib/directory-licence';
import { hostOf } from './directory-text';

export function OptIn({
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
