// After an unlock that migrated a vault's site bindings to version 2 (main/vault/
// binding-migration.ts), the person is told which bindings now show their whole site, once: the
// migrated vault is saved right away, so the next unlock has nothing to migrate. Filling is the
// same as before for every one of them; what changed is that they now say so, and that a
// binding written as a bare hostname from now on means that host only.
import type { BindingChange } from '../../vault';
import type { Logger } from '../ports/logger';
import type { Notice, Notifier } from '../ports/notifier';
import type { VaultSession } from '../vault/vault-session';

/** How many rewritten bindings the notice names; the rest are counted. */
const NAMED = 4;

export function bindingChangesNotice(changes: readonly BindingChange[]): Notice {
  const named = changes.slice(0, NAMED).map((c) => `${c.from} → ${c.to}`);
  const more = changes.length - named.length;
  const list = `${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
  return {
    title: 'Site bindings now show the whole site they covered',
    body: `A binding always covered its whole site; it now shows this as “*.”: ${list}. Nothing fills anywhere new. To fill on one address only, write that address alone in the account’s Sites.`,
  };
}

export function announceBindingChanges(deps: {
  session: VaultSession;
  notifier: Notifier;
  log: Logger;
}): void {
  deps.session.onUnlock(() => {
    const vault = deps.session.current;
    const changes = vault?.bindingChanges ?? [];
    if (!vault || changes.length === 0) return;
    deps.notifier.notify(bindingChangesNotice(changes));
    // Saved as version 2 now, so the notice is shown once.
    void vault
      .replaceEntries([...vault.entries])
      .catch((error: unknown) => deps.log.error('saving the migrated site bindings', error));
  });
}
