// The browser extension's bridge as the app runs it (issue 16): one BrowserBridge, started with
// the app when Settings' switch is on, stopped on quit. It gives the bridge what only the app
// has: the accounts while unlocked (never a secret), the code the hotkey would type, the pairing
// prompt in TrayOTP's window, the window opened to bind a site, and adding an account from a
// page's QR code through the app's own adding path. A socket that cannot be made safe is a
// problem Settings shows and the log records, never a crash.
import { BrowserBridge } from '../../browser/bridge';
import { wholeSiteBinding } from '../../browser/domains';
import type { BrowserBridgeDeps, BrowserInfo, FillResult } from '../../browser/bridge';
import { PairingFileError } from '../../browser/pairings';
import type { PairingStore } from '../../browser/pairings';
import type { PeerCredentials } from '../../browser/peer';
import { SocketSetupError } from '../../browser/socket-path';
import type { SocketPlace } from '../../browser/socket-path';
import type { Clock } from '../../time/clock';
import type { AppEvents } from '../window/app-events';
import type { Codes } from '../codes/codes';
import type { Adding } from '../enrol/adding';
import type { Logger } from '../ports/logger';
import type { Notifier } from '../ports/notifier';
import type { SettingsStore } from '../ports/settings-store';
import type { TrayWindow } from '../ports/window';
import type { BrowserFiller } from '../typing/browser-first';
import type { PairedBrowser } from '../typing/browser-windows';
import { AppError } from '../shared/user-errors';
import type { VaultSession } from '../vault/vault-session';
import { browserAccounts } from './browser-accounts';
import { freshCode } from './fresh-code';
import type { BrowserHostFiles } from '../ports/browser-host-files';
import { PairingPrompts } from './pairing-prompts';

export interface BrowserServiceDeps {
  session: VaultSession;
  codes: Codes;
  /** The clock codes are computed with (for the fresh-code wait). */
  clock: Clock;
  settings: SettingsStore;
  events: AppEvents;
  window: TrayWindow;
  adding: Adding;
  log: Logger;
  /** Where pairings are kept (a 0600 file beside the settings). */
  store: PairingStore;
  /** Where to listen (default: the user's runtime folder, or a per-user pipe on Windows). */
  place?: SocketPlace;
  /** The launcher and host manifests (absent: none written, as in the tests' apps). */
  hostFiles?: BrowserHostFiles;
  /** The kernel's word on who connects to the socket (absent on Windows; see security.md). */
  peers?: PeerCredentials;
  /** Tells the person when the socket is unsafe or another user tried it (issue 23). */
  notifier?: Notifier;
  /** The bridge's own knobs, for tests (prompt timeout, rate limit, QR decoding). */
  bridge?: Pick<BrowserBridgeDeps, 'pairingTimeoutMs' | 'rate' | 'scanQr' | 'now' | 'limits'>;
}

export interface BrowserStatusView {
  enabled: boolean;
  listening: boolean;
  problem: string | null;
  connected: number;
}

export class BrowserService {
  readonly bridge: BrowserBridge;
  readonly prompts: PairingPrompts;
  #listening = false;
  #problem: string | null = null;
  /** Start, stop and switch run one after another, never interleaved. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: BrowserServiceDeps) {
    this.prompts = new PairingPrompts({ events: deps.events, window: deps.window });
    this.bridge = new BrowserBridge({
      ...deps.bridge,
      ...(deps.place && { place: deps.place }),
      ...(deps.peers && { peers: deps.peers }),
      onRefused: (why) => this.#tell(why),
      store: deps.store,
      accounts: () => browserAccounts(deps.session),
      code: (id) => freshCode(deps, id),
      confirmPairing: (request) => this.prompts.ask(request),
      openToBind: (domain) => this.openToBind(domain),
      addFromQr: async (uri, domain) => {
        const { account } = await deps.adding.addUri(uri, { domains: [domain] });
        const label =
          account.issuer && account.name
            ? `${account.issuer} (${account.name})`
            : account.issuer || account.name;
        return { id: account.id, label };
      },
      onBrowsersChanged: () => deps.events.emit('browsersChanged', {}),
    });
  }

  get enabled(): boolean {
    return this.deps.settings.get().browserIntegration;
  }

  /** Browsers in session now: the hotkey asks them before reading any window title. */
  get connected(): number {
    return this.#listening ? this.bridge.connected : 0;
  }

  /** On app start: listens (and writes the host files) when the switch is on. */
  start(): Promise<void> {
    return this.#serial(async () => {
      if (this.enabled) await this.#listen();
    });
  }

  /** On quit: closes the socket and every connection. */
  stop(): Promise<void> {
    return this.#serial(() => this.#close());
  }

  /** Settings' switch: on listens and writes the host files; off closes and removes them. */
  setEnabled(enabled: boolean): Promise<BrowserStatusView> {
    return this.#serial(async () => {
      this.deps.settings.set({ browserIntegration: enabled });
      if (enabled) await this.#listen();
      else {
        await this.#close();
        this.#problem = null;
        await this.deps.hostFiles
          ?.remove()
          .catch((error: unknown) => this.deps.log.error('removing the browser host files', error));
      }
      this.deps.events.emit('browsersChanged', {});
      return this.status();
    });
  }

  status(): BrowserStatusView {
    return {
      enabled: this.enabled,
      listening: this.#listening,
      problem: this.#problem,
      connected: this.connected,
    };
  }

  list(): Promise<BrowserInfo[]> {
    return this.#readable(() => this.bridge.browsers());
  }

  async revoke(id: string): Promise<void> {
    const known = (await this.list()).some((browser) => browser.id === id);
    if (!known) throw new AppError('no-browser', 'That browser is not connected to TrayOTP.');
    await this.#readable(() => this.bridge.revoke(id));
  }

  /** The window's answer to "Connect <browser>?". */
  answerPairing(id: string, approve: boolean): void {
    this.prompts.answer(id, approve);
  }

  /** The hotkey with a browser connected: the browser's focused field, by the tab's own domain. */
  fillFocused(): Promise<FillResult> {
    return this.connected > 0
      ? this.bridge.fillFocused()
      : Promise.resolve({ outcome: 'no-browser' });
  }

  /**
   * The paired browsers while the switch is on (off: none, and the hotkey keeps the title path
   * the person chose). Read from the pairings file even when the socket could not be made: a
   * paired browser's window gets no code by its title whether or not its extension can reach us.
   */
  async paired(): Promise<PairedBrowser[]> {
    if (!this.enabled) return [];
    return this.#readable(() => this.bridge.pairedPrograms());
  }

  /**
   * Shows TrayOTP's window with the accounts to choose from for the page's host `domain` (never
   * the page's choice). The binding is that exact host unless the person chooses `wholeSite`
   * ("*.example.org": the site and its subdomains) there (issue 23, R5).
   */
  openToBind(domain: string): void {
    this.deps.window.show();
    this.deps.events.emit('browserBindSite', { domain, wholeSite: wholeSiteBinding(domain) });
  }

  async #listen(): Promise<void> {
    await this.deps.hostFiles
      ?.install()
      .catch((error: unknown) => this.deps.log.error('writing the browser host files', error));
    if (this.#listening) return;
    try {
      await this.bridge.start();
      this.#listening = true;
      this.#problem = null;
    } catch (error) {
      this.#problem =
        error instanceof SocketSetupError || error instanceof PairingFileError
          ? error.message
          : `TrayOTP could not listen for browsers (${error instanceof Error ? error.message : String(error)}).`;
      this.deps.log.warn(`browser extension: ${this.#problem}`);
      if (error instanceof SocketSetupError) this.#tell(this.#problem);
      await this.bridge.stop().catch(() => undefined);
    }
    this.deps.events.emit('browsersChanged', {});
  }

  async #close(): Promise<void> {
    if (!this.#listening) return;
    this.#listening = false;
    await this.bridge.stop();
  }

  /** Unsafe socket, foreign connection: logged, and said once in a notification. */
  #told = new Set<string>();
  #tell(message: string): void {
    this.deps.log.warn(`browser extension: ${message}`);
    if (this.#told.has(message)) return;
    this.#told.add(message);
    this.deps.notifier?.notify({ title: 'TrayOTP did not connect browsers', body: message });
  }

  /** A damaged pairings file is said in a sentence, not thrown as a bug. */
  async #readable<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof PairingFileError) throw new AppError('pairings-damaged', error.message);
      throw error;
    }
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(work, work);
    this.#queue = next.catch(() => undefined);
    return next;
  }
}

/**
 * The hotkey's view of a bridge built after it (the bridge adds accounts through Adding, which
 * the hotkey's Typing does not need): asks whichever service `get` returns at press time.
 */
export function browserFiller(get: () => BrowserService | undefined): BrowserFiller {
  return {
    get connected() {
      return get()?.connected ?? 0;
    },
    fillFocused: () => get()?.fillFocused() ?? Promise.resolve({ outcome: 'no-browser' }),
    openToBind: (domain) => get()?.openToBind(domain),
    paired: async () => (await get()?.paired()) ?? [],
  };
}
