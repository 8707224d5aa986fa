// The directory's sites: search by name or domain, narrow to a category, how many match, and
// the list (each with its instructions).
import type { DirectorySiteView, DirectoryStatus } from '../../../../preload/contract';
import { Field, TextField } from '../../components/Field';
import { SiteRow } from './SiteRow';

function foundText(found: { sites: DirectorySiteView[]; total: number } | null): string {
  if (found === null) return 'Searching…';
  if (found.total === 0) return 'No site matches; try part of its name or its domain.';
  if (found.total > found.sites.length) {
    return `Showing ${found.sites.length} of ${found.total} sites; type to narrow down.`;
  }
  return `${found.total} ${found.total === 1 ? 'site' : 'sites'}`;
}

export function DirectorySites({
  status,
  search: { text, setText, category, setCategory, found },
  onOpen,
}: {
  status: DirectoryStatus;
  search: {
    text: string;
    setText: (text: string) => void;
    category: string;
    setCategory: (category: string) => void;
    found: { sites: DirectorySiteView[]; total: number } | null;
  };
  onOpen: (site: DirectorySiteView) => void;
}) {
  return (
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
            <select {...ids} value={category} onChange={(event) => setCategory(event.target.value)}>
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
        {foundText(found)}
      </p>
      <ul className="site-list" aria-label="Sites found">
        {found?.sites.map((site) => (
          <SiteRow key={site.id} site={site} onOpen={onOpen} />
        ))}
      </ul>
    </section>
  );
}
