// Scanning for QR codes: the screen, a region the person drags, an image file, the clipboard.
// What a scan found is held here by scan id (the window sees labels only) until the person adds
// from it. A scan asked for from the tray or the hotkey captures first, with the window out of
// the way, then shows what it found; asked for while locked, it runs after the unlock.
import type { ScanResult } from '../../../preload/contract';
import { duplicateKey } from '../../importers/duplicates';
import type { Account } from '../../otp';
import { entryAccount } from '../../vault';
import type { AppEvents, EventPayload } from '../window/app-events';
import type { FileDialogs } from '../ports/dialogs';
import type { Clock } from '../../time/clock';
import type { Logger } from '../ports/logger';
import type { Scanner } from '../ports/scanner';
import type { TrayWindow, ViewName } from '../ports/window';
import type { RegionRequest } from '../shared/region-request';
import { Sessions } from '../window/sessions';
import { AppError, toUserError } from '../shared/user-errors';
import type { VaultSession } from '../vault/vault-session';
import { getOutOfTheWay } from '../window/window-away';
import { scanCandidates } from './scan-candidates';

/** How long a scan's candidates wait for the person to add them. */
const SCAN_MS = 10 * 60_000;
/** How long after asking a locked app to scan the unlock may still start that scan. */
export const PENDING_SCAN_MS = 2 * 60_000;

export interface ScansDeps {
  session: VaultSession;
  clock: Clock;
  scanner: Scanner;
  dialogs: FileDialogs;
  window: TrayWindow;
  region: RegionRequest;
  events: AppEvents;
  navigate: (view: ViewName) => void;
  /** The 2FA Directory's spelling of an issuer, when it is on and knows one. */
  suggestIssuer: (issuer: string) => string | undefined;
  log: Logger;
}

export class Scans {
  readonly #found: Sessions<Map<string, Account[]>>;
  /** A scan the tray or hotkey asked for while the vault was locked. */
  #pending: { kind: 'screen' | 'region'; at: number } | undefined;

  constructor(private readonly deps: ScansDeps) {
    this.#found = new Sessions(deps.clock, SCAN_MS);
    deps.session.onLock(() => this.#found.clear());
    deps.session.onUnlock(() => this.#resumePending());
  }

  async screen(): Promise<ScanResult> {
    return this.#result(await this.deps.scanner.scanScreen({ onProgress: this.#progress }));
  }

  async region(): Promise<ScanResult | null> {
    const texts = await this.deps.scanner.scanRegion();
    return texts === undefined ? null : this.#result(texts);
  }

  async imageFile(): Promise<ScanResult | null> {
    const file = await this.deps.dialogs.pickImage();
    return file ? this.#result(await this.deps.scanner.scanImage(file.bytes)) : null;
  }

  async clipboard(): Promise<ScanResult> {
    const texts = await this.deps.scanner.scanClipboardImage();
    if (texts === undefined) {
      throw new AppError(
        'no-clipboard-image',
        'The clipboard holds no image; copy the QR code first.',
      );
    }
    return this.#result(texts);
  }

  /**
   * The tray's "Scan QR from screen" / "Scan region…" and the scan hotkey: the screen is
   * captured first, with our window out of the way so it never covers the code, then the Add
   * view opens with what was found (the `scanned` event), or with why nothing was captured.
   */
  async fromShortcut(kind: 'screen' | 'region'): Promise<'shown' | 'cancelled' | 'locked'> {
    if (!this.deps.session.current) {
      // The window opens on the unlock form; the scan runs once the vault is open.
      this.#pending = { kind, at: this.deps.clock.now() };
      this.deps.navigate('codes');
      return 'locked';
    }
    this.#pending = undefined;
    await getOutOfTheWay(this.deps.window, this.deps.clock);
    let outcome: EventPayload<'scanned'>;
    try {
      const texts =
        kind === 'screen'
          ? await this.deps.scanner.scanScreen({
              onProgress: this.#progress,
              // A key on one display opens the Add view at once; the other displays' codes
              // join it in the `scanned` result.
              onFound: () => this.deps.navigate('add'),
            })
          : await this.deps.scanner.scanRegion();
      if (texts === undefined) return 'cancelled';
      outcome = { ok: true, value: this.#result(texts) };
    } catch (error) {
      const userError = toUserError(error);
      if (!userError) throw error;
      outcome = { ok: false, error: userError };
    }
    this.deps.navigate('add');
    this.deps.events.emit('scanned', outcome);
    return 'shown';
  }

  /** The region overlay's choice settles the open selection. */
  selectRegion(region: {
    displayId: string;
    x: number;
    y: number;
    width: number;
    height: number;
  }): void {
    const { displayId, ...box } = region;
    if (!this.deps.region.choose({ displayId, box })) {
      throw new AppError('no-region-selection', 'No region selection is open.');
    }
  }

  cancelRegion(): void {
    this.deps.region.cancel();
  }

  /** The accounts behind a scan's candidate ids. */
  candidates(scanId: string): ReadonlyMap<string, Account[]> {
    const found = this.#found.get(scanId);
    if (!found) throw new AppError('scan-expired', 'That scan has expired; scan again.');
    return found;
  }

  /** The person added from the scan: its secrets need not stay. */
  done(scanId: string): void {
    this.#found.take(scanId);
  }

  /** The window's bar: the share of the displays decoded. */
  readonly #progress = (fraction: number): void =>
    this.deps.events.emit('progress', { task: 'scan', fraction });

  #result(texts: string[]): ScanResult {
    const vault = this.deps.session.current;
    const known = new Map(
      (vault?.entries ?? []).map((entry) => [duplicateKey(entryAccount(entry)), entry.id]),
    );
    const found = scanCandidates(texts, { known, suggestIssuer: this.deps.suggestIssuer });
    return {
      scanId: this.#found.add(found.accounts),
      candidates: found.views,
      otherCodes: found.otherCodes,
    };
  }

  /** A scan asked for while locked runs after the unlock, if that came soon enough. */
  #resumePending(): void {
    const pending = this.#pending;
    this.#pending = undefined;
    if (!pending || this.deps.clock.now() - pending.at > PENDING_SCAN_MS) return;
    // Capture failures reach the window as a `scanned` error; what still throws is a bug.
    void this.fromShortcut(pending.kind).catch((error: unknown) =>
      this.deps.log.error('the scan asked for before the unlock', error),
    );
  }
}
