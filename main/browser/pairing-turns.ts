// Whose turn it is at the pairing prompt (issue 23, R8). One prompt at a time, app-wide; a
// browser that asks while another is being asked about waits in line and is told so (it is shown
// its code only when its own prompt is up). One browser has at most one place, held or waiting.
// A browser whose prompt ended without a yes (refused, unanswered, or withdrawn) is refused
// without a prompt for a while that doubles each time — 10 s, 20 s, 40 s… up to 10 minutes —
// so repeated clicks neither raise prompts nor bring TrayOTP's window forward again and again,
// and cannot take the prompt back from the browsers waiting behind.
import type { WireErrorCode } from './protocol';

export interface TurnRequest {
  /** The extension key's fingerprint. */
  id: string;
  /** Aborted when the browser goes away: it leaves the line. */
  signal: AbortSignal;
  /** Called once if the browser has to wait: tell it so. */
  waiting(message: string): void;
}

export type Turn =
  | { ok: true; release(outcome: 'approved' | 'refused' | 'unasked'): void }
  | {
      ok: false;
      code: Extract<WireErrorCode, 'pairing-busy' | 'pairing-refused'>;
      message: string;
    };

export const BACKOFF_FIRST_MS = 10_000;
export const BACKOFF_MAX_MS = 10 * 60_000;
const REMEMBERED = 1024;

export class PairingTurns {
  #holder: string | undefined;
  readonly #line: { id: string; go: (granted: boolean) => void }[] = [];
  readonly #backoff = new Map<string, { refusals: number; until: number }>();

  constructor(
    private readonly now: () => number,
    private readonly maxWaiting: number,
  ) {}

  async take(request: TurnRequest): Promise<Turn> {
    const { id, signal } = request;
    const back = this.#backoff.get(id);
    if (back && back.until > this.now()) {
      const seconds = Math.ceil((back.until - this.now()) / 1000);
      return {
        ok: false,
        code: 'pairing-refused',
        message: `TrayOTP did not connect this browser just now; ask again in ${seconds} s.`,
      };
    }
    if (this.#holder === id || this.#line.some((w) => w.id === id)) {
      return {
        ok: false,
        code: 'pairing-busy',
        message: 'TrayOTP is already asking about this browser; answer it in TrayOTP’s window.',
      };
    }
    if (this.#holder === undefined) {
      this.#holder = id;
      return this.#granted(id);
    }
    if (this.#line.length >= this.maxWaiting) {
      return {
        ok: false,
        code: 'pairing-busy',
        message: 'Several browsers are waiting to connect to TrayOTP; try again in a minute.',
      };
    }
    const granted = await new Promise<boolean>((resolve) => {
      const place = { id, go: resolve };
      this.#line.push(place);
      const leave = () => {
        const at = this.#line.indexOf(place);
        if (at >= 0) this.#line.splice(at, 1);
        resolve(false);
      };
      if (signal.aborted) return leave();
      signal.addEventListener('abort', leave, { once: true });
      request.waiting(
        `TrayOTP is asking about another browser first; this one is number ${this.#line.length} in line and will be asked next.`,
      );
    });
    if (!granted) {
      return { ok: false, code: 'pairing-refused', message: 'The browser went away.' };
    }
    return this.#granted(id);
  }

  #granted(id: string): Turn {
    let released = false;
    return {
      ok: true,
      release: (outcome) => {
        if (released) return;
        released = true;
        if (outcome !== 'unasked') this.#settle(id, outcome === 'approved');
        this.#holder = undefined;
        const next = this.#line.shift();
        if (next) {
          this.#holder = next.id;
          next.go(true);
        }
      },
    };
  }

  #settle(id: string, approved: boolean): void {
    const before = this.#backoff.get(id);
    this.#backoff.delete(id);
    if (approved) return;
    const refusals = (before?.refusals ?? 0) + 1;
    const wait = Math.min(BACKOFF_FIRST_MS * 2 ** (refusals - 1), BACKOFF_MAX_MS);
    this.#backoff.set(id, { refusals, until: this.now() + wait });
    if (this.#backoff.size > REMEMBERED) {
      this.#backoff.delete(this.#backoff.keys().next().value!);
    }
  }
}
