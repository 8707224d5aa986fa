// Which focused windows belong to a browser that may have TrayOTP's extension (issue 23, R1). A
// browser's window title is the page's own <title>, so a look-alike page can name the real site
// in it; once a browser is paired, its pages get codes from the extension (which reads the
// tab's address) and never by the title. The program is told by what the operating system says
// of the window's process (its executable, X11 WM_CLASS, macOS bundle id), never by the title.
import type { FocusedProgram } from '../ports/active-window';

/** A browser the person paired, as far as the hotkey can recognise its windows. */
export interface PairedBrowser {
  /** Its executable's path, when the pairing recorded it (the native host's parent process). */
  executable?: string;
}

interface KnownBrowser {
  name: string;
  /** Executable base names, lower case, without ".exe". */
  executables: readonly string[];
  /** X11 WM_CLASS instance or class names, lower case. */
  classes: readonly string[];
  /** macOS bundle identifiers, lower case. */
  bundles: readonly string[];
}

/** The browsers TrayOTP's extension runs in, and their close relatives: any may have it. */
export const KNOWN_BROWSERS: readonly KnownBrowser[] = [
  {
    name: 'Chromium',
    executables: ['chromium', 'chromium-browser', 'chromium-freeworld'],
    classes: ['chromium', 'chromium-browser', 'chromium-freeworld'],
    bundles: ['org.chromium.chromium'],
  },
  {
    name: 'Google Chrome',
    executables: [
      'chrome',
      'google-chrome',
      'google-chrome-stable',
      'google-chrome-beta',
      'google-chrome-unstable',
      'google chrome',
      'google chrome beta',
      'google chrome canary',
    ],
    classes: ['google-chrome', 'google-chrome-beta', 'google-chrome-unstable'],
    bundles: ['com.google.chrome', 'com.google.chrome.beta', 'com.google.chrome.canary'],
  },
  {
    name: 'Brave',
    executables: ['brave', 'brave-browser', 'brave browser'],
    classes: ['brave-browser', 'brave-browser-beta', 'brave-browser-nightly'],
    bundles: ['com.brave.browser'],
  },
  {
    name: 'Microsoft Edge',
    executables: [
      'msedge',
      'microsoft-edge',
      'microsoft-edge-stable',
      'microsoft-edge-beta',
      'microsoft-edge-dev',
      'microsoft edge',
    ],
    classes: ['microsoft-edge', 'microsoft-edge-beta', 'microsoft-edge-dev'],
    bundles: ['com.microsoft.edgemac'],
  },
  {
    name: 'Firefox',
    executables: ['firefox', 'firefox-esr', 'firefox-bin', 'firefox-developer-edition'],
    classes: ['firefox', 'firefox-esr', 'firefoxdeveloperedition', 'firefox-nightly'],
    bundles: ['org.mozilla.firefox', 'org.mozilla.firefoxdeveloperedition', 'org.mozilla.nightly'],
  },
  {
    name: 'Vivaldi',
    executables: ['vivaldi', 'vivaldi-bin', 'vivaldi-stable', 'vivaldi-snapshot'],
    classes: ['vivaldi', 'vivaldi-stable', 'vivaldi-snapshot'],
    bundles: ['com.vivaldi.vivaldi'],
  },
  {
    name: 'Opera',
    executables: ['opera', 'opera-beta', 'opera-developer'],
    classes: ['opera', 'opera-beta', 'opera-developer'],
    bundles: ['com.operasoftware.opera'],
  },
];

/**
 * "/usr/lib/chromium/chromium (deleted)" → "chromium", "C:\…\msedge.exe" → "msedge": the name a
 * process runs under. Linux adds " (deleted)" once the binary was replaced by an update while
 * the browser ran, which is when a person is most likely to have just restarted it.
 */
export function executableName(path: string): string {
  const base =
    path
      .replace(/ \(deleted\)$/, '')
      .split(/[\\/]/)
      .pop() ?? '';
  return base.toLowerCase().replace(/\.exe$/, '');
}

/** The same executable, whatever Linux appended after an update. */
function sameExecutable(a: string, b: string): boolean {
  const clean = (path: string) => path.replace(/ \(deleted\)$/, '');
  return clean(a) === clean(b);
}

/** The well-known browser a program is, by its executable, window class or bundle id. */
export function knownBrowser(program: FocusedProgram): KnownBrowser | undefined {
  const exe = program.executable ? executableName(program.executable) : undefined;
  const classes = (program.windowClass ?? []).map((name) => name.toLowerCase());
  const bundle = program.bundleId?.toLowerCase();
  return KNOWN_BROWSERS.find(
    (browser) =>
      (bundle !== undefined && browser.bundles.includes(bundle)) ||
      classes.some((name) => browser.classes.includes(name)) ||
      (exe !== undefined && browser.executables.includes(exe)),
  );
}

/**
 * The browser the focused window belongs to when the hotkey must leave it to the extension: with
 * at least one browser paired, any well-known browser (it may be the paired one, or have the
 * extension too; an executable moved by an update or a sandbox would otherwise slip through), and
 * any program whose executable a pairing recorded. Undefined: not a browser of a paired person,
 * or nothing is paired (the title path stays, as before the extension).
 */
export function guardedBrowser(
  program: FocusedProgram | undefined,
  paired: readonly PairedBrowser[],
): { name: string } | undefined {
  if (!program || paired.length === 0) return undefined;
  const known = knownBrowser(program);
  if (known) return { name: known.name };
  const executable = program.executable;
  if (executable && paired.some((b) => b.executable && sameExecutable(b.executable, executable))) {
    return { name: executableName(executable) || 'this browser' };
  }
  return undefined;
}
