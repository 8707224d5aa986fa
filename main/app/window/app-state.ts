// The state the window (and the tray) is shown: the vault's condition, the accounts' labels,
// the settings and hotkeys. Assembled from the services that own each part.
import type { AccountView, AppState } from '../../../preload/contract';
import type { ClockService } from '../../time/service';
import type { DirectoryService } from '../directory/directory-service';
import type { HotkeyStatus } from '../hotkeys/hotkeys';
import { platformOf } from './platform-name';
import type { SettingsStore } from '../ports/settings-store';
import { suggestedDomains } from '../directory/suggested-domains';
import type { VaultSession } from '../vault/vault-session';
import { accountView, sortedEntries } from '../accounts/views';

export interface AppStateDeps {
  session: VaultSession;
  clock: ClockService;
  settings: SettingsStore;
  hotkeys: () => HotkeyStatus[];
  directory?: DirectoryService | undefined;
  /** Node's process.platform, for the window's shortcut names. */
  platform: string;
}

export async function readAppState(deps: AppStateDeps): Promise<AppState> {
  const status = await deps.session.status();
  const vault = deps.session.current;
  return {
    ...status,
    accounts: vault
      ? sortedEntries(vault.entries).map((entry) => withSite(accountView(entry), deps.directory))
      : [],
    settings: deps.settings.get(),
    clock: deps.clock.status(),
    hotkeys: deps.hotkeys(),
    platform: platformOf(deps.platform),
  };
}

/**
 * An account view with the directory's name for its site (the brand icon's better key) and the
 * sites it suggests binding the account to (empty while the directory is off).
 */
function withSite(view: AccountView, directory: DirectoryService | undefined): AccountView {
  const siteName = directory?.siteName(view.issuer);
  const suggested = suggestedDomains(directory?.index(), view.issuer, view.domains);
  return {
    ...view,
    ...(siteName !== undefined && { siteName }),
    suggestedDomains: suggested,
  };
}
