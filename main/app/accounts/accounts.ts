// Managing accounts the vault holds: edit labels, tags, pins, sites and code parameters, delete
// (with a short undo), and reorder.
import type { AccountView, CodeParamsInput, CodePreview } from '../../../preload/contract';
import { normalizeBinding } from '../../browser/domains';
import type { Entry } from '../../vault';
import { pickParams, previewParams, withParams } from './account-params';
import type { Codes } from '../codes/codes';
import type { Clock } from '../../time/clock';
import { Sessions } from '../window/sessions';
import { AppError } from '../shared/user-errors';
import type { VaultSession } from '../vault/vault-session';
import { accountView } from './views';

/** How long a deletion can be undone. */
export const UNDO_MS = 10_000;

export interface AccountPatch {
  issuer?: string | undefined;
  name?: string | undefined;
  tags?: string[] | undefined;
  pinned?: boolean | undefined;
  /** Sites to bind the account to, as the person typed them ("github.com", a login page's URL). */
  domains?: string[] | undefined;
  /**
   * New code parameters (the Edit view's Advanced section, confirmed there): checked by
   * otp/validate.ts as every account is, and saved in the same write as the other changes.
   */
  params?: CodeParamsInput | undefined;
}

export interface AccountsDeps {
  session: VaultSession;
  codes: Codes;
  clock: Clock;
}

export class Accounts {
  /** Deleted entries, by undo token, for UNDO_MS. */
  readonly #removed: Sessions<Entry>;

  constructor(private readonly deps: AccountsDeps) {
    this.#removed = new Sessions(deps.clock, UNDO_MS);
    deps.session.onLock(() => this.#removed.clear());
  }

  async update(id: string, patch: AccountPatch): Promise<AccountView> {
    const vault = this.deps.session.unlocked();
    const changes: {
      issuer?: string;
      name?: string;
      tags?: string[];
      pinned?: boolean;
      domains?: string[];
    } = {};
    if (patch.issuer !== undefined) changes.issuer = patch.issuer.trim();
    if (patch.name !== undefined) changes.name = patch.name.trim();
    if (patch.tags !== undefined) {
      changes.tags = [...new Set(patch.tags.map((t) => t.trim()).filter(Boolean))];
    }
    if (patch.pinned !== undefined) changes.pinned = patch.pinned;
    if (patch.domains !== undefined) changes.domains = boundDomains(patch.domains);
    // Checked before anything is written: a refused value saves nothing. Only the parameters
    // the person changed are written, so a counter the hotkey advanced meanwhile is kept.
    const params = patch.params && changedParams(vault.entry(id), patch.params);
    const entry = await vault.update(id, { ...changes, ...params });
    // A revealed HOTP code belongs to the old parameters.
    if (params) this.deps.codes.forget(id);
    return accountView(entry);
  }

  /** The code the account would give with `params` at `nowMs` (the codes' clock); saves nothing. */
  preview(id: string, params: CodeParamsInput, nowMs: number): CodePreview {
    return previewParams(this.deps.session.unlocked().entry(id), params, nowMs);
  }

  async remove(id: string): Promise<{ undoToken: string }> {
    const vault = this.deps.session.unlocked();
    const entry = vault.entry(id);
    await vault.remove(id);
    this.deps.codes.forget(id);
    return { undoToken: this.#removed.add(entry) };
  }

  async undoRemove(token: string): Promise<AccountView> {
    const vault = this.deps.session.unlocked();
    const entry = this.#removed.take(token);
    if (!entry) throw new AppError('undo-expired', 'It is too late to undo that deletion.');
    await vault.replaceEntries([...vault.entries, entry]);
    return accountView(entry);
  }

  async reorder(ids: string[]): Promise<void> {
    const vault = this.deps.session.unlocked();
    const position = new Map(ids.map((id, index) => [id, index]));
    const entries = vault.entries.map((entry) => ({
      ...entry,
      sortOrder: position.get(entry.id) ?? ids.length + entry.sortOrder,
    }));
    await vault.replaceEntries(entries);
  }
}

/** The parameters `input` names, as toAccount read them (an absent one is not written). */
function changedParams(
  entry: Entry,
  input: CodeParamsInput,
): Partial<ReturnType<typeof pickParams>> {
  const checked = pickParams(withParams(entry, input));
  const out: Partial<ReturnType<typeof pickParams>> = {};
  for (const key of Object.keys(checked) as (keyof typeof checked)[]) {
    if (input[key] !== undefined) Object.assign(out, { [key]: checked[key] });
  }
  return out;
}

/**
 * What the person typed as the account's sites, as bindings (browser/domains normalizeBinding):
 * a lower-case hostname is that host exactly (a pasted login URL gives its host), "*." and a
 * hostname the site and its subdomains, or a loopback name; anything else (an IP address, a
 * bare word, "*.co.uk") is refused with the field's message, so nothing half-bound is saved.
 */
function boundDomains(typed: readonly string[]): string[] {
  const hosts = new Set<string>();
  for (const text of typed) {
    if (text.trim() === '') continue;
    const host = normalizeBinding(text);
    if (!host) {
      const message = `“${text.trim().slice(0, 80)}” is not a site address TrayOTP can bind to; write it like github.com (that host only), or *.github.com for the site and its subdomains.`;
      throw new AppError('bad-domain', message, { domains: message });
    }
    hosts.add(host);
  }
  return [...hosts];
}
