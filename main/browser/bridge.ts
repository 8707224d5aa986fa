// The app's side of the browser extension: listens on the per-user socket, pairs browsers (the
// person approves each in TrayOTP's window), and answers paired browsers' requests for the codes
// of accounts bound to the page's registrable domain. Electron-free: the app passes its vault,
// codes and window through BrowserBridgeDeps (see the report of issue 16 for the wiring).
import { chmod } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { BrowserConnection } from './connection';
import type { ConnectionHost } from './connection';
import { DEFAULT_LIMITS } from './connection-limits';
import type { ConnectionLimits } from './connection-limits';
import { PairingTurns } from './pairing-turns';
import { foreignPeer } from './peer';
import type { PeerCredentials } from './peer';
import { boundTo, frameSite, pageSite } from './domains';
import { hostParentExecutable } from './host-parent';
import type { PairingState, PairingStore } from './pairings';
import type { AppResponse, ExtensionRequest, FillOutcome } from './protocol';
import { MAX_QR_IMAGE_BYTES } from './protocol';
import { scanOtpauth } from './qr-enrol';
import type { QrScanner } from './qr-enrol';
import { cryptoReady, fromBase64, newKeyPair, toBase64 } from './session-crypto';
import type { KeyPair } from './session-crypto';
import { clearStaleSocket, preparePrivateDir, socketPlace } from './socket-path';
import type { SocketPlace } from './socket-path';

/** What the bridge may know of an account: never its secret. */
export interface BrowserAccount {
  id: string;
  issuer: string;
  name: string;
  /** Hostnames or registrable domains the person bound it to (Entry.domains). */
  domains: readonly string[];
  /** HOTP: making its code spends it (the counter advances), so it is made only when chosen. */
  counterBased?: boolean;
}

export interface PairingRequest {
  /** The extension key's fingerprint: the pairing's id in lists and revoke(). */
  id: string;
  browser: string;
  /** "123 456": the extension shows the same. */
  code: string;
  /** Who started the host, as the browser told it (chrome-extension://…/ or the add-on id). */
  caller: string;
  /**
   * Aborted when the browser goes away or the prompt times out: the window withdraws the
   * prompt, and a late answer changes nothing.
   */
  signal: AbortSignal;
}

export interface BrowserBridgeDeps {
  store: PairingStore;
  /** Accounts while unlocked; null while locked (the bridge answers "locked", never queues). */
  accounts(): readonly BrowserAccount[] | null;
  /** The account's code to type now (the app waits for a fresh one near the period's end). */
  code(id: string): Promise<string>;
  /** Shows "Connect <browser>?" with the code in TrayOTP's window; true when approved. */
  confirmPairing(request: PairingRequest): Promise<boolean>;
  /** Opens TrayOTP to bind an account to `domain` (the person chooses there; never the page). */
  openToBind(domain: string): void | Promise<void>;
  /** Adds the account of an otpauth:// link, bound to `domain`; throws a message for a person. */
  addFromQr(uri: string, domain: string): Promise<{ id: string; label: string }>;
  /** Decodes image bytes to otpauth:// links (default: main/qr's scanImageFile). */
  scanQr?: QrScanner;
  /** Listening place (default: socketPlace(): the user's runtime dir, or a Windows pipe). */
  place?: SocketPlace;
  now?: () => number;
  /** How long a pairing prompt waits for the person (default 2 minutes), then counts as no. */
  pairingTimeoutMs?: number;
  /** Per-connection limit on frames (default: bursts of 20, 10 a second after). */
  rate?: { burst: number; perSecond: number };
  /** The list of browsers or their connection state changed. */
  onBrowsersChanged?: () => void;
  /**
   * The executable of the browser that started a host, by the host's pid (default: its parent
   * process's, from /proc on Linux): kept with the pairing so the hotkey knows the browser's
   * windows by process (issue 23, R1).
   */
  browserOfHost?: (hostPid: number) => string | undefined;
  /**
   * The kernel's word on who connects (main/platform/peer-credentials.ts): a client running as
   * another user is refused. Absent where the platform cannot tell (Windows: see security.md).
   */
  peers?: PeerCredentials;
  /** A connection was refused for a reason a person should know (another user connecting). */
  onRefused?: (why: string) => void;
  /** The per-connection and app-wide bounds (default: connection-limits.ts). */
  limits?: Partial<ConnectionLimits>;
}

export interface BrowserInfo {
  id: string;
  browser: string;
  pairedAt: number;
  lastSeenAt: number | null;
  connected: boolean;
}

export interface FillResult {
  outcome: FillOutcome | 'no-browser';
  domain?: string;
}

const label = (account: BrowserAccount) =>
  account.issuer && account.name
    ? `${account.issuer} (${account.name})`
    : account.issuer || account.name;

export class BrowserBridge {
  readonly place: SocketPlace;
  #server: Server | undefined;
  readonly #connections = new Set<BrowserConnection>();
  /** Every open connection, in session or not: the caps count them. */
  readonly #open = new Set<BrowserConnection>();
  #state: PairingState | undefined;
  readonly #turns: PairingTurns;
  #seenUnsaved = false;
  #saving: Promise<void> = Promise.resolve();
  readonly #now: () => number;
  readonly #scan: QrScanner;

  constructor(private readonly deps: BrowserBridgeDeps) {
    this.place = deps.place ?? socketPlace();
    this.#now = deps.now ?? Date.now;
    this.#scan = deps.scanQr ?? scanOtpauth;
    if (deps.rate) this.#host.rate = deps.rate;
    this.#host.limits = { ...DEFAULT_LIMITS, ...deps.limits };
    this.#turns = new PairingTurns(this.#now, this.#host.limits.maxPairingQueue);
  }

  /** Starts listening; throws SocketSetupError with a sentence when the place is unsafe. */
  async start(): Promise<void> {
    await cryptoReady();
    await this.#load();
    if (this.place.dir) {
      await preparePrivateDir(this.place.dir);
      await clearStaleSocket(this.place.path);
    }
    const server = createServer((socket) => this.#accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.place.path, () => {
        server.off('error', reject);
        resolve();
      });
    });
    if (this.place.dir) await chmod(this.place.path, 0o600);
    this.#server = server;
  }

  /**
   * A new connection: refused at once when another user is at the other end, or when the caps
   * are reached (before a byte of it is read).
   */
  #accept(socket: Socket): void {
    // Windows gives Node no pipe handle to ask (peerOf absent): the pipe's own rules stand there.
    const foreign = this.deps.peers?.peerOf ? foreignPeer(this.deps.peers, socket) : null;
    if (foreign) {
      socket.destroy();
      this.deps.onRefused?.(`A browser connection was refused: ${foreign}.`);
      return;
    }
    // Over the cap of unpaired connections, the oldest one still silent (no hello yet) makes
    // room: a browser's own connection says hello within milliseconds, so a crowd of silent
    // ones cannot keep it out. Those waiting for the person are bounded by the pairing line.
    const { maxConnections, maxUnpaired } = this.#host.limits;
    const unpaired = [...this.#open].filter((c) => !c.inSession);
    if (unpaired.length >= maxUnpaired || this.#open.size >= maxConnections) {
      const silent = unpaired.find((c) => c.silent);
      if (!silent) {
        socket.destroy();
        return;
      }
      silent.close(true);
    }
    this.#open.add(new BrowserConnection(socket, this.#host));
  }

  async stop(): Promise<void> {
    for (const connection of [...this.#open]) connection.close();
    const server = this.#server;
    this.#server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async browsers(): Promise<BrowserInfo[]> {
    const state = await this.#load();
    const live = new Set([...this.#connections].map((c) => c.extensionId));
    return state.browsers.map(({ id, browser, pairedAt, lastSeenAt }) => ({
      id,
      browser,
      pairedAt,
      lastSeenAt,
      connected: live.has(id),
    }));
  }

  /** What identifies each paired browser's program: its executable, when it was recorded. */
  async pairedPrograms(): Promise<{ executable?: string }[]> {
    const state = await this.#load();
    return state.browsers.map(({ executable }) => (executable ? { executable } : {}));
  }

  /** Disconnects a browser now and refuses it from then on (it can ask to pair again). */
  async revoke(id: string): Promise<void> {
    const state = await this.#load();
    const next: PairingState = {
      ...state,
      browsers: state.browsers.filter((b) => b.id !== id),
      revoked: [...state.revoked.filter((r) => r !== id), id].slice(-1024),
    };
    await this.#save(next);
    this.#state = next;
    for (const connection of [...this.#connections]) {
      if (connection.extensionId === id) connection.close();
    }
    this.deps.onBrowsersChanged?.();
  }

  /**
   * The app's hotkey while a browser has the focus: asks each connected browser to fill its
   * focused field; the one whose window has the focus answers. The extension takes the domain
   * from its tab, so the window title plays no part.
   */
  async fillFocused(timeoutMs = 5000): Promise<FillResult> {
    const live = [...this.#connections].filter((c) => c.inSession);
    if (live.length === 0) return { outcome: 'no-browser' };
    const answers = await Promise.all(live.map((c) => c.ask(timeoutMs)));
    const rank: FillOutcome[] = [
      'filled',
      'locked',
      'not-bound',
      'no-field',
      'refused',
      'not-focused',
    ];
    answers.sort((a, b) => rank.indexOf(a.outcome) - rank.indexOf(b.outcome));
    const best = answers[0]!;
    return best.domain ? { outcome: best.outcome, domain: best.domain } : { outcome: best.outcome };
  }

  /** The live connections: which browser, and the host process relaying for it. */
  connections(): { id: string | undefined; browser: string; caller: string; hostPid?: number }[] {
    return [...this.#connections].map((c) => ({
      id: c.extensionId,
      browser: c.browser,
      caller: c.caller,
      ...(c.hostPid === undefined ? {} : { hostPid: c.hostPid }),
    }));
  }

  get connected(): number {
    return [...this.#connections].filter((c) => c.inSession).length;
  }

  /** Saves one at a time, in order: an older state never lands after a newer one. */
  #save(state: PairingState): Promise<void> {
    const run = this.#saving.then(() => this.deps.store.save(state));
    this.#saving = run.catch(() => undefined);
    return run;
  }

  async #load(): Promise<PairingState> {
    if (this.#state) return this.#state;
    let state = await this.deps.store.load();
    if (!state) {
      const key = newKeyPair();
      state = {
        version: 1,
        app: { publicKey: toBase64(key.publicKey), privateKey: toBase64(key.privateKey) },
        browsers: [],
        revoked: [],
      };
      await this.#save(state);
    }
    this.#state = state;
    return state;
  }

  readonly #host: ConnectionHost = {
    now: () => this.#now(),
    rate: { burst: 20, perSecond: 10 }, // replaced by deps.rate in the constructor
    limits: DEFAULT_LIMITS, // with deps.limits in the constructor
    appKey: async (): Promise<KeyPair> => {
      const { app } = await this.#load();
      return { publicKey: fromBase64(app.publicKey), privateKey: fromBase64(app.privateKey) };
    },
    statusOf: async (id) => {
      const state = await this.#load();
      if (state.browsers.some((b) => b.id === id)) return 'paired';
      return state.revoked.includes(id) ? 'revoked' : 'unknown';
    },
    pair: async ({ id, key, browser, code, caller, hostPid, signal: gone, waiting, showCode }) => {
      const turn = await this.#turns.take({ id, signal: gone, waiting });
      if (!turn.ok) return { code: turn.code, message: turn.message };
      if (gone.aborted) {
        turn.release('unasked');
        return { code: 'pairing-refused', message: 'The browser went away.' };
      }
      let approved = false;
      const signal = AbortSignal.any([
        gone,
        AbortSignal.timeout(this.deps.pairingTimeoutMs ?? 120_000),
      ]);
      try {
        showCode();
        const withdrawn = new Promise<false>((resolve) => {
          if (signal.aborted) resolve(false);
          signal.addEventListener('abort', () => resolve(false), { once: true });
        });
        approved = await Promise.race([
          this.deps.confirmPairing({ id, browser, code, caller, signal }),
          withdrawn,
        ]);
        if (!approved || signal.aborted) {
          approved = false;
          return { code: 'pairing-refused', message: 'TrayOTP did not connect this browser.' };
        }
        const state = await this.#load();
        const executable =
          hostPid === undefined
            ? undefined
            : (this.deps.browserOfHost ?? hostParentExecutable)(hostPid);
        const next: PairingState = {
          ...state,
          browsers: [
            ...state.browsers.filter((b) => b.id !== id),
            {
              id,
              key,
              browser,
              pairedAt: this.#now(),
              lastSeenAt: null,
              ...(executable && { executable }),
            },
          ].slice(-64),
          revoked: state.revoked.filter((r) => r !== id),
        };
        await this.#save(next);
        this.#state = next;
        return true;
      } finally {
        turn.release(approved ? 'approved' : 'refused');
      }
    },
    seen: (id) => {
      const state = this.#state;
      if (!state) return;
      this.#state = {
        ...state,
        browsers: state.browsers.map((b) => (b.id === id ? { ...b, lastSeenAt: this.#now() } : b)),
      };
      // Last seen is a convenience: saved when the connection closes, not on every message.
      this.#seenUnsaved = true;
    },
    handle: (request) => this.#handle(request),
    opened: (connection) => {
      this.#connections.add(connection);
      this.deps.onBrowsersChanged?.();
    },
    closed: (connection) => {
      this.#open.delete(connection);
      if (this.#connections.delete(connection)) this.deps.onBrowsersChanged?.();
      if (this.#seenUnsaved && this.#state) {
        this.#seenUnsaved = false;
        void this.#save(this.#state).catch(() => undefined);
      }
    },
  };

  async #handle(request: ExtensionRequest): Promise<AppResponse> {
    const refuse = (
      code: Extract<AppResponse, { ok: false }>['code'],
      message: string,
      domain?: string,
    ): AppResponse =>
      domain === undefined
        ? { kind: 'res', id: request.id, ok: false, code, message }
        : { kind: 'res', id: request.id, ok: false, code, message, domain };
    const locked = () => refuse('locked', 'TrayOTP is locked. Unlock it, then ask again.');
    try {
      switch (request.op) {
        case 'code': {
          if (!/^https?:/i.test(request.frame)) {
            return refuse('not-web', 'TrayOTP fills codes on web sites only.');
          }
          // A sandboxed frame has no origin of its own to bind: never a code.
          if (request.frameOrigin === 'null') {
            return refuse('sandboxed', 'TrayOTP does not fill fields in sandboxed frames.');
          }
          // The frame's own host, over https: (or loopback) only; a binding is an exact host
          // unless the person chose "*." (domains.ts), so a sibling subdomain gets nothing.
          const site = frameSite(request.frameOrigin, request.frame);
          if (!site.ok) return refuse('not-web', site.message);
          const domain = site.host;
          const accounts = this.deps.accounts();
          if (!accounts) return locked();
          const bound = accounts.filter((a) => boundTo(a.domains, domain));
          if (bound.length === 0) {
            return refuse(
              'not-bound',
              `No account in TrayOTP is bound to ${domain}. Open TrayOTP to choose one.`,
              domain,
            );
          }
          // Every code offered is made now; an HOTP code made for a list the person picks another
          // account from would be spent for nothing, so with a choice HOTP accounts stay out.
          const offered = bound.length === 1 ? bound : bound.filter((a) => !a.counterBased);
          if (offered.length === 0) {
            throw new Error(
              `Several counter-based accounts are bound to ${domain}; show the one you need in TrayOTP's window.`,
            );
          }
          const codes = [];
          for (const account of offered.slice(0, 32)) {
            if (!this.deps.accounts()) return locked();
            codes.push({
              id: account.id,
              label: label(account),
              code: await this.deps.code(account.id),
            });
          }
          return { kind: 'res', id: request.id, ok: true, domain, codes };
        }
        case 'open': {
          const site = pageSite(request.top);
          if (!site.ok) return refuse('not-web', site.message);
          const domain = site.host;
          await this.deps.openToBind(domain);
          return { kind: 'res', id: request.id, ok: true, opened: true };
        }
        case 'enrol': {
          // Bound to the page's exact host (an enrolment page and its sign-in share one).
          const site = pageSite(request.top);
          if (!site.ok) return refuse('not-web', site.message);
          const domain = site.host;
          if (!this.deps.accounts()) return locked();
          const bytes = fromBase64(request.image);
          if (bytes.length > MAX_QR_IMAGE_BYTES) {
            return refuse('bad-image', 'That image is too large to be a QR code.');
          }
          let links: string[];
          try {
            links = [...new Set(await this.#scan(bytes))];
          } catch {
            return refuse('bad-image', 'That image could not be read.');
          }
          if (links.length === 0) {
            return refuse('no-qr', 'There is no two-step verification QR code in that image.');
          }
          if (links.length > 1) {
            return refuse('several-qr', 'That image holds several QR codes; add them in TrayOTP.');
          }
          const added = await this.deps.addFromQr(links[0]!, domain);
          return {
            kind: 'res',
            id: request.id,
            ok: true,
            domain,
            codes: [{ id: added.id, label: added.label, code: await this.deps.code(added.id) }],
            added: added.label,
          };
        }
      }
    } catch (error) {
      if (!this.deps.accounts()) return locked();
      const message = error instanceof Error ? error.message.slice(0, 400) : 'It failed.';
      return refuse('failed', message);
    }
  }
}
