// The clock's bounds that both the window's schema and the command line use. No imports, so the
// command line's fast paths (`trayotp code`, `trayotp parse`) can read it without loading zod.

/**
 * Characters of a host as typed in Settings or given to --host: the bound of every host field
 * of the clock view, and main/time/limits.ts's CLOCK_LIMITS.maxHostChars.
 */
export const CLOCK_HOST_MAX_CHARS = 300;
