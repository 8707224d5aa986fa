// The numbers of the clock check, in one place: the CLI, the service and the window's texts use
// them, and docs/security.md lists them. The host's bound is the window's view's too (its leaf).
import { CLOCK_HOST_MAX_CHARS } from '../../preload/views/clock-limits';

/** The host asked for the time unless the person names another (Settings → Check the clock). */
export const DEFAULT_CLOCK_HOST = 'www.google.com';

export const CLOCK_LIMITS = {
  /**
   * The largest offset TrayOTP corrects, either way (as the Authenticator extension does). A
   * clock further off is broken, not drifting: the person is told to fix it, and a server that
   * lies about the time cannot move the codes further than this.
   */
  maxCorrectionSeconds: 300,
  /** Above this uncorrected offset the window says so: a 30 s code is then often refused. */
  warnSeconds: 10,
  /** The whole check (name lookup, connection, TLS, response headers) must end within this. */
  timeoutMs: 5_000,
  /** Bytes of response headers read at most (Node's parser stops beyond them). */
  maxHeaderBytes: 16 * 1024,
  /** Characters of a Date header looked at; an HTTP date is 29. */
  maxDateChars: 64,
  /** Characters of a host as typed in Settings or given to --host. */
  maxHostChars: CLOCK_HOST_MAX_CHARS,
  /** Automatic re-checks come at most this often (plus one on wake from sleep). */
  recheckMs: 24 * 60 * 60 * 1000,
  /** Wake events closer together than this (a lid opened and shut) start no second check. */
  wakeGapMs: 60 * 1000,
} as const;
