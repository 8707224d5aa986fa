// The 2FA Directory inside the app: the person's opt-in (a setting, off by default), the copy in
// use and its index, the periodic check that refreshes it at most weekly, search and categories
// for the "Set up two-step" view, and the documentation links it may open. Everything else in
// the app asks this service for what the directory knows (an issuer's domains, its site's name)
// and gets nothing while the directory is off: the app then works on what the user typed.
import type { DirectorySiteView, DirectoryStatus } from '../../../preload/contract';
import type { SiteMatchInfo } from '../typing/account-matching';
import { createSiteMatcher } from './directory-matching';
import type { SiteMatcher } from './directory-matching';
import { createDirectoryIndex } from '../../directory/lookup';
import type { DirectoryIndex } from '../../directory/lookup';
import { fold, words } from '../../directory/names';
import type { DirectoryUpdater } from '../../directory/refresh';
import type { DirectorySite } from '../../directory/site';
import type { LoadedCopy } from '../../directory/store';
import type { Clock, TimerHandle } from '../../time/clock';
import type { ExternalLinks } from '../ports/external-links';
import type { SettingsStore } from '../ports/settings-store';
import { AppError } from '../shared/user-errors';

/** How often the service looks whether an automatic refresh is due (it is, at most weekly). */
export const CHECK_EVERY_MS = 60 * 60_000;

/** Sites one search returns; the view says how many more there are. */
export const SEARCH_LIMIT = 100;

export interface DirectoryServiceDeps {
  updater: DirectoryUpdater;
  settings: SettingsStore;
  clock: Clock;
  links: ExternalLinks;
}

/** What search needs of an account: its labels. */
export interface LabelledAccount {
  issuer: string;
  name: string;
}

interface Indexed {
  copy: LoadedCopy;
  index: DirectoryIndex;
  matcher: SiteMatcher;
  byDomain: Map<string, DirectorySite>;
  /** Per site, the folded words of its name and its domains, for search. */
  searchText: Map<DirectorySite, { name: string; nameWords: string[]; domains: string[] }>;
  categories: DirectoryStatus['categories'];
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

export class DirectoryService {
  #indexed: Indexed | undefined;
  #timer: TimerHandle | undefined;
  readonly #listeners = new Set<() => void>();

  constructor(private readonly deps: DirectoryServiceDeps) {}

  get enabled(): boolean {
    return this.deps.settings.get().directoryEnabled;
  }

  /** Reads the saved copy, then checks now and every hour whether a refresh is due. */
  async start(): Promise<void> {
    await this.deps.updater.open();
    const check = async () => {
      const outcome = await this.deps.updater.refresh('auto', this.enabled);
      // A background refresh changed the copy or failed: an open view and the icons should know.
      if (outcome.kind === 'updated' || outcome.kind === 'failed') {
        for (const listener of this.#listeners) listener();
      }
    };
    const schedule = () => {
      this.#timer = this.deps.clock.setTimeout(() => {
        void check().finally(schedule);
      }, CHECK_EVERY_MS);
    };
    await check();
    schedule();
  }

  /** Called after a background refresh downloaded a new copy or failed; returns unsubscribe. */
  onBackgroundChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  stop(): void {
    if (this.#timer) this.deps.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  async status(): Promise<DirectoryStatus> {
    await this.deps.updater.open();
    const updater = this.deps.updater;
    const indexed = this.#current();
    return {
      enabled: this.enabled,
      updating: updater.updating,
      fetchedAt: indexed?.copy.snapshot.fetchedAt ?? null,
      source: updater.url,
      siteCount: indexed?.copy.snapshot.sites.length ?? 0,
      categories: indexed?.categories ?? [],
      error: updater.failure?.message ?? updater.problem ?? null,
    };
  }

  /**
   * The person's choice. On: the first copy is downloaded now (or a week-old one refreshed).
   * Off: no more downloads, and the copy is deleted — as if it had never been turned on.
   */
  async setEnabled(enabled: boolean): Promise<DirectoryStatus> {
    this.deps.settings.set({ directoryEnabled: enabled });
    if (enabled) await this.deps.updater.refresh('auto', true);
    else await this.deps.updater.forget();
    return this.status();
  }

  /** "Update now": a download whatever the copy's age, when the directory is on. */
  async update(): Promise<DirectoryStatus> {
    if (!this.enabled) {
      throw new AppError('directory-off', 'The 2FA Directory is off; turn it on to download it.');
    }
    await this.deps.updater.refresh('user', true);
    return this.status();
  }

  /**
   * Sites whose name or domain contains every word of `text` (in the category, if one is
   * given): names starting with the text first, then names containing it, then domains.
   */
  search(
    query: { text: string; category?: string | undefined },
    accounts: readonly LabelledAccount[],
  ): { sites: DirectorySiteView[]; total: number } {
    const indexed = this.#current();
    if (!indexed) return { sites: [], total: 0 };
    const needle = fold(query.text.trim()).replace(/\s+/g, ' ');
    const needleWords = words(query.text);
    const category = query.category?.toLowerCase();
    const ranked: { site: DirectorySite; rank: number }[] = [];
    for (const site of indexed.copy.snapshot.sites) {
      if (category && !site.categories.includes(category)) continue;
      const text = indexed.searchText.get(site)!;
      const rank = searchRank(text, needle, needleWords);
      if (rank !== undefined) ranked.push({ site, rank });
    }
    ranked.sort((a, b) => a.rank - b.rank || collator.compare(a.site.name, b.site.name));
    const owned = this.#ownedSites(indexed, accounts);
    return {
      sites: ranked.slice(0, SEARCH_LIMIT).map(({ site }) => ({
        id: site.domain,
        name: site.name,
        domain: site.domain,
        categories: site.categories,
        hasDocumentation: site.documentation !== undefined,
        hasAccount: owned.has(site),
      })),
      total: ranked.length,
    };
  }

  /**
   * Opens a site's instructions in the browser, or its home page when none are listed. The
   * window names the site, never a URL: only the https link the directory lists for that site,
   * or https://its-domain/, can be opened this way.
   */
  async openDocumentation(siteId: string): Promise<void> {
    const site = this.#current()?.byDomain.get(siteId);
    if (!site) {
      throw new AppError(
        'unknown-site',
        'That site is not in the 2FA Directory copy TrayOTP has; search again.',
      );
    }
    // No https instructions listed (138 sites, 3 of them only over http): the site's own home
    // page, where its security settings are a few clicks away. The domain passed the parser's
    // hostname check, so this is a URL we write, not one from the file.
    const url = site.documentation?.startsWith('https://')
      ? site.documentation
      : `https://${site.domain}/`;
    await this.deps.links.open(url);
  }

  /** The directory's index while it is on and has a copy; undefined otherwise. */
  index(): DirectoryIndex | undefined {
    return this.#current()?.index;
  }

  /** What the directory knows of an issuer for the hotkey's matching; undefined when off. */
  matchInfo(issuer: string): SiteMatchInfo | undefined {
    return this.#current()?.matcher.infoFor(issuer);
  }

  /** The directory's name for an issuer's site, for the brand icon; undefined when unknown. */
  siteName(issuer: string): string | undefined {
    return issuer.trim() ? this.index()?.siteForIssuer(issuer)?.name : undefined;
  }

  /** The issuer as the directory writes it, when that differs (a suggestion, never applied). */
  suggestIssuer(issuer: string): string | undefined {
    return issuer.trim() ? this.index()?.suggestIssuer(issuer) : undefined;
  }

  /** The index of the copy in use, rebuilt only when the copy changes; none while off. */
  #current(): Indexed | undefined {
    const copy = this.enabled ? this.deps.updater.copy : undefined;
    if (!copy) return undefined;
    if (this.#indexed?.copy !== copy) this.#indexed = buildIndex(copy);
    return this.#indexed;
  }

  #ownedSites(indexed: Indexed, accounts: readonly LabelledAccount[]): Set<DirectorySite> {
    const owned = new Set<DirectorySite>();
    for (const account of accounts) {
      const site = account.issuer.trim() ? indexed.index.siteForIssuer(account.issuer) : undefined;
      if (site) owned.add(site);
    }
    return owned;
  }
}

function buildIndex(copy: LoadedCopy): Indexed {
  const sites = copy.snapshot.sites;
  const counts = new Map<string, number>();
  const searchText: Indexed['searchText'] = new Map();
  for (const site of sites) {
    for (const category of site.categories) counts.set(category, (counts.get(category) ?? 0) + 1);
    searchText.set(site, {
      name: words(site.name).join(' '),
      nameWords: words(site.name),
      domains: [site.domain, ...site.additionalDomains],
    });
  }
  const index = createDirectoryIndex(sites);
  return {
    copy,
    index,
    matcher: createSiteMatcher(sites, index),
    byDomain: new Map(sites.map((site) => [site.domain, site])),
    searchText,
    categories: [...counts]
      .map(([name, count]) => ({ name, count }))
      .sort((a, b) => collator.compare(a.name, b.name)),
  };
}

/** Lower is better; undefined: no match. An empty query matches everything equally. */
function searchRank(
  site: { name: string; nameWords: string[]; domains: string[] },
  needle: string,
  needleWords: string[],
): number | undefined {
  if (!needle) return 0;
  const joined = needleWords.join(' ');
  if (joined && site.name === joined) return 0;
  if (joined && site.name.startsWith(joined)) return 1;
  if (
    needleWords.length > 0 &&
    needleWords.every((w) => site.nameWords.some((n) => n.startsWith(w)))
  ) {
    return 2;
  }
  if (site.domains.some((d) => d === needle || d.startsWith(needle))) return 3;
  if (joined && site.name.includes(joined)) return 4;
  if (site.domains.some((d) => d.includes(needle))) return 5;
  return undefined;
}
