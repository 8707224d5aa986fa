// The browser's name from its hello ("Chromium 156 on Linux") is the peer's claim, shown in the
// pairing prompt and the list of browsers. Before it gets there: control characters, bidi
// overrides and isolates, zero-width and other format characters, line separators and lone
// surrogates become spaces (a name cannot reorder or hide the prompt's own words), whitespace
// runs collapse, stacks of combining marks are cut to two, and the result is at most 60
// characters (code points). An empty result is "A browser".
export const MAX_BROWSER_NAME = 60;

export function cleanBrowserName(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/gu, ' ')
    .replace(/(\p{M}{2})\p{M}+/gu, '$1')
    .replace(/\s+/gu, ' ')
    .trim();
  const bounded = Array.from(cleaned).slice(0, MAX_BROWSER_NAME).join('').trim();
  return bounded || 'A browser';
}
