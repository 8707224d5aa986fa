// One site of the 2FA Directory: its name, whether you have an account there, its domain, and
// its two-step instructions (or the site itself when none are listed), opened in the browser.
import type { DirectorySiteView } from '../../../../preload/contract';

export function SiteRow({
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
