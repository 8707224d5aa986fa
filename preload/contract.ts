// The one source of truth for IPC between the renderer and the main process: every method's
// channel, the zod schemas of its arguments and its result, and the API type the renderer sees
// (derived from the schemas, never copied by hand).
//
// Trust rules (../docs/architecture.md): the renderer receives labels, codes and icons, never a
// secret. Scanned and imported accounts are held in main and referred to by ids; results are
// parsed with these schemas in main before they are sent, so an extra field (a secret that
// slipped into a view) is stripped rather than leaked.
import { z } from 'zod';
import { clockCorrectionMode, clockStatus } from './views/clock';
import { codeHelpView } from './views/code-help';
import { exportKind } from './views/export-kind';
import { algorithm, otpType } from './views/otp';
import { deviceName, syncInvitation, syncView } from './views/sync';
import { followFolderChoice, followMergeArgs, followStartArgs, followStatus } from './views/follow';
import { navigation } from './views/navigation';
import { desktopTypingView } from './views/desktop-typing';
import { hotkeyAction, settings } from './views/settings';
import type { EventName, MethodName } from './channels';

export { channelOf, EVENT_NAMES, METHOD_NAMES } from './channels';
export type { EventName, MethodName } from './channels';
export type { SyncInvitationView, SyncView } from './views/sync';
export { algorithm, otpType };
export { exportKind };
export type { ExportKind } from './views/export-kind';
export { hotkeyAction, settings, theme } from './views/settings';
export type { HotkeyAction, Settings } from './views/settings';
export type { NavigableView } from './views/navigation';
export type { DesktopTypingView } from './views/desktop-typing';

// ---- views ---------------------------------------------------------------------------------

/** An account as the window shows it. */
export const accountView = z.object({
  id: z.string(),
  type: otpType,
  issuer: z.string(),
  name: z.string(),
  digits: z.number().int(),
  period: z.number().int(),
  pinned: z.boolean(),
  tags: z.array(z.string()),
  /** Sites the account is bound to ("github.com"): the browser extension fills only there. */
  domains: z.array(z.string()).default([]),
  /**
   * The account's own icon as a data: URL (imported from apps that keep one), or null: the
   * window then shows the brand icon matched by issuer (simple-icons), or initials.
   */
  icon: z
    .string()
    .regex(/^data:image\/(png|jpeg|webp|svg\+xml);base64,/)
    .nullable(),
  lastUsedAt: z.number().nullable(),
  /**
   * The 2FA Directory's name for the issuer's site ("GitHub" for issuer "github.com"), when the
   * directory is on and knows it: a better key for the brand icon than what the user typed.
   */
  siteName: z.string().optional(),
  /**
   * Sites the 2FA Directory lists for the issuer and the account is not bound to yet, offered
   * under the Edit view's Sites field; never bound until the person adds one and saves. In the
   * app state (empty while the directory is off); absent from other replies.
   */
  suggestedDomains: z.array(z.string().max(253)).max(8).optional(),
});
export type AccountView = z.infer<typeof accountView>;

/** A code and its validity, in Unix ms; HOTP codes have no expiry (validUntil null). */
export const codeView = z.object({
  id: z.string(),
  code: z.string(),
  /** The next period's code, sent in the last seconds of a period (null otherwise / HOTP). */
  next: z.string().nullable(),
  validFrom: z.number(),
  validUntil: z.number().nullable(),
});
export type CodeView = z.infer<typeof codeView>;

/**
 * Why a shortcut cannot be used, for the window to say in its own words (it writes the keys as
 * the platform does): another application or the system holds it, it is not a combination the
 * platform understands, shortcuts are paused, or TrayOTP uses it already for `usedFor`.
 */
export const hotkeyProblem = z.object({
  reason: z.enum(['taken', 'invalid', 'suspended', 'ours']),
  usedFor: hotkeyAction.optional(),
});
export type HotkeyProblem = z.infer<typeof hotkeyProblem>;

export const hotkeyStatus = z.object({
  action: hotkeyAction,
  accelerator: z.string(),
  registered: z.boolean(),
  /** Why registration failed, as a sentence (notifications, logs). */
  error: z.string().nullable(),
  /** Why registration failed, for the settings view; null when registered or unset. */
  problem: hotkeyProblem.nullable(),
});

export const appState = z.object({
  /** none = first run, no vault yet; damaged = the file failed its checks (see `damage`). */
  vault: z.enum(['none', 'locked', 'unlocked', 'damaged']),
  /** What is wrong with a damaged vault, and the backups that pass their checks, newest first. */
  damage: z
    .object({
      message: z.string(),
      backups: z.array(z.object({ revision: z.number().int(), savedAt: z.string() })),
    })
    .nullable(),
  /**
   * A backup copy of the vault could not be written (the save itself succeeded): a sentence
   * for the window's banner, until a later backup succeeds.
   */
  backupProblem: z.object({ message: z.string() }).nullable(),
  /**
   * The vault file is older than its newest good backup (a sync tool, a disk image or someone
   * put an old version back): shown after unlock, with restoreBackup(backupRevision) offered.
   */
  rollback: z
    .object({
      vaultRevision: z.number().int(),
      backupRevision: z.number().int(),
      backupSavedAt: z.string().nullable(),
    })
    .nullable(),
  keychain: z.object({
    available: z.boolean(),
    /** True where the OS keychain does not protect the key (Linux basic_text). */
    weak: z.boolean(),
    backend: z.string().nullable(),
  }),
  /** Whether unlocking needs the passphrase (no usable OS slot). */
  passphraseRequired: z.boolean(),
  accounts: z.array(accountView),
  settings,
  hotkeys: z.array(hotkeyStatus),
  /** Whose conventions the window follows for shortcut names (⌘ on mac, Ctrl elsewhere). */
  platform: z.enum(['linux', 'windows', 'mac']),
  /** The clock check: the offset in use, the last check, whether to warn (issue 18). */
  clock: clockStatus,
});
export type AppState = z.infer<typeof appState>;

/** Something found by a scan or an image, held in main; the window sees only its label. */
export const scanCandidate = z.object({
  id: z.string(),
  kind: z.enum(['account', 'migration']),
  issuer: z.string(),
  name: z.string(),
  type: otpType,
  /** Accounts in a migration batch (1 for a plain account). */
  count: z.number().int(),
  /** Set when the same secret is already in the vault. */
  duplicateOf: z.string().nullable(),
  /** The issuer as the 2FA Directory writes it, when that differs: offered, never applied. */
  suggestedIssuer: z.string().optional(),
});
export const scanResult = z.object({
  scanId: z.string(),
  candidates: z.array(scanCandidate),
  /** QR codes found that are not accounts (app-store links, Wi-Fi...). */
  otherCodes: z.number().int(),
});
export type ScanResult = z.infer<typeof scanResult>;

export const importPreview = z.object({
  importId: z.string(),
  format: z.string(),
  formatLabel: z.string(),
  entries: z.array(
    z.object({
      index: z.number().int(),
      issuer: z.string(),
      name: z.string(),
      type: otpType,
      duplicateOf: z.string().nullable(),
      warnings: z.array(z.string()),
      /** The issuer as the 2FA Directory writes it, when that differs: offered, never applied. */
      suggestedIssuer: z.string().optional(),
    }),
  ),
  skipped: z.array(z.object({ label: z.string(), reason: z.string() })),
});
export type ImportPreview = z.infer<typeof importPreview>;

export const importDecision = z.object({
  index: z.number().int().min(0),
  action: z.enum(['add', 'skip', 'replace', 'keep-both']),
  /** The issuer to use instead of the file's (the person accepted a suggestion). */
  issuer: z.string().max(1024).optional(),
});
export type ImportDecision = z.infer<typeof importDecision>;

/** Fields of the add-account form; errors come back per field. */
export const manualAccount = z.object({
  type: otpType,
  issuer: z.string().max(1024),
  name: z.string().max(1024),
  secret: z.string().max(2048),
  algorithm,
  digits: z.number().int(),
  period: z.number().int(),
  counter: z.number().int(),
});
export type ManualAccount = z.infer<typeof manualAccount>;

/**
 * An account's code parameters as the Edit view's Advanced section sends them: each as the
 * person typed it, checked in main by the gate every account passes (otp/validate.ts); an
 * absent one stays as saved.
 */
export const codeParams = z.object({
  algorithm: z.string().max(64).optional(),
  digits: z.string().max(64).optional(),
  period: z.string().max(64).optional(),
  counter: z.string().max(64).optional(),
});
export type CodeParamsInput = z.infer<typeof codeParams>;

/** What `previewCode` answers: the parameters as checked and the code they give now. */
export const codePreview = z.object({
  type: otpType,
  algorithm,
  digits: z.number().int(),
  period: z.number().int(),
  counter: z.number().int(),
  /** TOTP and Steam: the code now; HOTP: the code for the counter (the next one shown). */
  code: z.string(),
  /** The parameters differ from the saved ones. */
  changed: z.boolean(),
});
export type CodePreview = z.infer<typeof codePreview>;

export const accountPatch = z.object({
  issuer: z.string().max(1024).optional(),
  name: z.string().max(1024).optional(),
  tags: z.array(z.string().max(64)).max(32).optional(),
  pinned: z.boolean().optional(),
  /** Web addresses or hostnames to bind the account to; each is checked in main. */
  domains: z.array(z.string().max(300)).max(32).optional(),
  /** New code parameters, confirmed by the person; saved in the same write as the rest. */
  params: codeParams.optional(),
});

/** The 2FA Directory as the window sees it: whether it is on, and the copy in use. */
export const directoryStatus = z.object({
  enabled: z.boolean(),
  /** A download is running. */
  updating: z.boolean(),
  /** When the copy in use was downloaded (ISO 8601), or null when there is none. */
  fetchedAt: z.string().nullable(),
  /** Where it is downloaded from. */
  source: z.string(),
  siteCount: z.number().int(),
  /** The directory's categories (its keywords) and how many sites each has. */
  categories: z.array(z.object({ name: z.string(), count: z.number().int() })),
  /** Why the last update failed, or the saved copy could not be used; null when all is well. */
  error: z.string().nullable(),
});
export type DirectoryStatus = z.infer<typeof directoryStatus>;

export const directorySite = z.object({
  /** The site's main domain, which names it uniquely. */
  id: z.string(),
  name: z.string(),
  domain: z.string(),
  categories: z.array(z.string()),
  /** The site links to its instructions (https); without, directoryOpenDocumentation opens its home page. */
  hasDocumentation: z.boolean(),
  /** An account in the vault belongs to this site. */
  hasAccount: z.boolean(),
});
export type DirectorySiteView = z.infer<typeof directorySite>;

export const directoryQuery = z.object({
  /** Words of the site's name or its domain; empty lists every site (of the category). */
  text: z.string().max(200),
  category: z.string().min(1).max(64).optional(),
});

export const region = z.object({
  displayId: z.string(),
  x: z.number().int().min(0),
  y: z.number().int().min(0),
  width: z.number().int().min(1),
  height: z.number().int().min(1),
});

/** The browser extension's bridge, for Settings (issue 16). */
export const browserStatus = z.object({
  enabled: z.boolean(),
  /** Listening on the per-user socket now. */
  listening: z.boolean(),
  /** Why it is not listening (an unsafe socket folder, another TrayOTP), as a sentence. */
  problem: z.string().nullable(),
  /** Browsers connected now (paired and in session). */
  connected: z.number().int().min(0),
});
export type BrowserStatus = z.infer<typeof browserStatus>;

export const browserInfo = z.object({
  id: z.string(),
  browser: z.string(),
  pairedAt: z.number(),
  lastSeenAt: z.number().nullable(),
  connected: z.boolean(),
});
export type BrowserInfo = z.infer<typeof browserInfo>;

// ---- results -------------------------------------------------------------------------------

/** An error a person can read; `fields` maps form fields to their messages. */
export const userError = z.object({
  code: z.string(),
  message: z.string(),
  fields: z.record(z.string(), z.string()).optional(),
});
export type UserError = z.infer<typeof userError>;

function result<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: userError }),
  ]);
}
export type Result<T> = { ok: true; value: T } | { ok: false; error: UserError };

const id = z.string().min(1).max(128);
const none = z.tuple([]);
const passphrase = z.string().min(1).max(1024);

// ---- methods -------------------------------------------------------------------------------

/** Every invokable method: its argument tuple and its result. Channel = `trayotp:<name>`. */
export const methods = {
  getState: { args: none, result: appState },
  codes: { args: z.tuple([z.number().optional()]), result: z.array(codeView) },
  copyCode: { args: z.tuple([id]), result: result(z.object({ clearsInSeconds: z.number() })) },
  /** With the token of a picker the hotkey opened (navigate's pickerToken), when it was one. */
  typeCode: {
    args: z.tuple([id, id.optional()]),
    result: result(z.object({ typed: z.boolean(), copied: z.boolean() })),
  },
  nextHotp: { args: z.tuple([id]), result: result(codeView) },
  addUri: {
    args: z.tuple([z.string().max(16_384)]),
    result: result(z.object({ account: accountView, warnings: z.array(z.string()) })),
  },
  addManual: {
    args: z.tuple([manualAccount]),
    result: result(z.object({ account: accountView, warnings: z.array(z.string()) })),
  },
  scanScreen: { args: none, result: result(scanResult) },
  scanRegion: { args: none, result: result(scanResult.nullable()) },
  scanImageFile: { args: none, result: result(scanResult.nullable()) },
  scanClipboard: { args: none, result: result(scanResult) },
  /**
   * The candidates chosen from a scan, each with the issuer the person accepted for it, added in
   * one save; accounts TrayOTP holds already are left out and counted in `skipped`.
   */
  addScanned: {
    args: z.tuple([
      id,
      z
        .array(z.object({ candidateId: id, issuer: z.string().max(1024).optional() }))
        .min(1)
        .max(1_000),
    ]),
    result: result(z.object({ added: z.array(accountView), skipped: z.number().int() })),
  },
  updateAccount: { args: z.tuple([id, accountPatch]), result: result(accountView) },
  /** The code an account would give with other parameters (nothing saved); the Edit view's check. */
  previewCode: { args: z.tuple([id, codeParams]), result: result(codePreview) },
  removeAccount: { args: z.tuple([id]), result: result(z.object({ undoToken: z.string() })) },
  undoRemove: { args: z.tuple([id]), result: result(accountView) },
  reorder: { args: z.tuple([z.array(id).max(100_000)]), result: result(z.null()) },
  importPickFile: {
    args: none,
    result: result(
      z
        .object({
          importId: z.string(),
          fileName: z.string(),
          formatLabel: z.string(),
          encrypted: z.boolean(),
        })
        .nullable(),
    ),
  },
  /** A key file for the picked import (KeePass), read by main; only its name comes back. */
  importPickKeyFile: {
    args: z.tuple([id]),
    result: result(z.object({ fileName: z.string() }).nullable()),
  },
  importPreview: {
    args: z.tuple([id, passphrase.optional()]),
    result: result(importPreview),
  },
  /** Stops a running importPreview (its key derivation too); it then fails as 'cancelled'. */
  importCancel: { args: z.tuple([id]), result: result(z.null()) },
  importConfirm: {
    args: z.tuple([id, z.array(importDecision).max(100_000)]),
    result: result(z.object({ added: z.number(), replaced: z.number(), skipped: z.number() })),
  },
  exportVault: {
    args: z.tuple([
      exportKind,
      z.object({
        passphrase: passphrase.optional(),
        acknowledgeUnencrypted: z.boolean().optional(),
      }),
    ]),
    result: result(z.object({ path: z.string() }).nullable()),
  },
  createVault: { args: z.tuple([passphrase.optional()]), result: result(z.null()) },
  unlock: { args: z.tuple([passphrase.optional()]), result: result(z.null()) },
  lock: { args: none, result: result(z.null()) },
  changePassphrase: {
    args: z.tuple([passphrase.optional(), passphrase.nullable()]),
    result: result(z.null()),
  },
  restoreBackup: {
    args: z.tuple([z.number().int().min(0)]),
    result: result(z.object({ keptAs: z.string().nullable() })),
  },
  /** Keeps a rolled-back vault file as it is: the window stops offering the newer backup. */
  dismissRollback: { args: none, result: result(z.null()) },
  setSettings: { args: z.tuple([settings.partial()]), result: result(settings) },
  checkHotkey: {
    args: z.tuple([z.string().max(64)]),
    // conflict: a sentence saying who holds the combination; problem: the same, as data.
    result: result(
      z.object({
        available: z.boolean(),
        conflict: z.string().nullable(),
        problem: hotkeyProblem.nullable(),
      }),
    ),
  },
  regionCancel: { args: none, result: result(z.null()) },
  regionSelect: { args: z.tuple([region]), result: result(z.null()) },
  hideWindow: { args: none, result: result(z.null()) },
  directoryStatus: { args: none, result: result(directoryStatus) },
  directorySetEnabled: { args: z.tuple([z.boolean()]), result: result(directoryStatus) },
  directoryUpdate: { args: none, result: result(directoryStatus) },
  directorySearch: {
    args: z.tuple([directoryQuery]),
    result: result(z.object({ sites: z.array(directorySite), total: z.number().int() })),
  },
  directoryOpenDocumentation: { args: z.tuple([id]), result: result(z.null()) },
  /** The clock check (issue 18): each answers with the clock's new status. */
  clockCheckNow: { args: none, result: result(clockStatus) },
  clockSetEnabled: { args: z.tuple([z.boolean()]), result: result(clockStatus) },
  clockSetHost: { args: z.tuple([z.string().min(1).max(300)]), result: result(clockStatus) },
  clockSetCorrection: {
    args: z.tuple([clockCorrectionMode, z.number().int().min(-300).max(300).optional()]),
    result: result(clockStatus),
  },
  clockDismissBanner: { args: none, result: result(clockStatus) },
  /** "Code not accepted?" for one account: codes either side of now, parameters, HOTP's next. */
  codeHelp: { args: z.tuple([id]), result: result(codeHelpView) },
  /** The site accepted the HOTP code for this counter: the stored counter moves past it. */
  hotpResync: {
    args: z.tuple([id, z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)]),
    result: result(codeHelpView),
  },
  /** The browser extension's bridge (issue 16): its status, paired browsers, the prompt's answer. */
  browserStatus: { args: none, result: result(browserStatus) },
  browserList: { args: none, result: result(z.array(browserInfo)) },
  browserRevoke: { args: z.tuple([id]), result: result(z.null()) },
  browserPairingAnswer: { args: z.tuple([id, z.boolean()]), result: result(z.null()) },
  browserSetEnabled: { args: z.tuple([z.boolean()]), result: result(browserStatus) },
  /** Sync through a folder (issue 17): each answers with the new view, or what was asked. */
  syncStatus: { args: none, result: result(syncView) },
  syncChooseFolder: {
    args: none,
    result: result(z.object({ folder: z.string(), devices: z.number().int() }).nullable()),
  },
  syncStart: {
    args: z.tuple([z.object({ folder: z.string().min(1).max(4096), deviceName })]),
    result: result(syncView),
  },
  /** The typed phrase or a pasted/scanned `trayotp-invite:` text; joined false: waiting for it. */
  syncJoin: {
    args: z.tuple([
      z.object({
        folder: z.string().min(1).max(4096),
        invitation: z.string().max(512),
        deviceName,
      }),
    ]),
    result: result(z.object({ joined: z.boolean(), view: syncView })),
  },
  syncCancelJoin: { args: none, result: result(syncView) },
  /** An invitation's QR code on this screen: its text, for the join form's field. */
  syncScanInvitation: { args: none, result: result(z.object({ invitation: z.string() })) },
  syncInvite: { args: none, result: result(syncInvitation) },
  syncRemoveDevice: {
    args: z.tuple([z.string().regex(/^[a-z2-7]{26}$/)]),
    result: result(syncView),
  },
  syncLeave: { args: none, result: result(syncView) },
  syncRename: { args: z.tuple([deviceName]), result: result(syncView) },
  /** Following a phone's backup folder read-only (issue 17): each answers with the new status. */
  followStatus: { args: none, result: result(followStatus) },
  followChooseFolder: { args: none, result: result(followFolderChoice.nullable()) },
  followStart: { args: z.tuple([followStartArgs]), result: result(followStatus) },
  followStop: { args: none, result: result(followStatus) },
  followCheckNow: { args: none, result: result(followStatus) },
  /** The pending additions and label changes the person ticked; removals are never merged. */
  followMerge: { args: z.tuple([followMergeArgs]), result: result(followStatus) },
  /** Settings → Typing (issue 27): how the hotkey types here; Forget drops the desktop's approval. */
  desktopTyping: { args: none, result: result(desktopTypingView) },
  desktopTypingForget: { args: none, result: result(desktopTypingView) },
} as const satisfies Record<MethodName, { args: z.ZodTuple; result: z.ZodType }>;

/** Pushed from main: the new state, progress of slow work, requests to show a view. */
export const events = {
  state: appState,
  progress: z.object({
    task: z.string(),
    fraction: z.number().min(0).max(1),
    /** What an import is doing now; a key derivation reports no fraction while it runs. */
    stage: z.enum(['deriving-key', 'decrypting', 'reading-entries', 'done']).optional(),
  }),
  navigate: navigation,
  /**
   * The frozen screenshot the region selector (#/region) shows, one overlay window per display:
   * the image as a data: URL and its size in the display's CSS pixels, which is what
   * regionSelect's x/y/width/height are measured in.
   */
  regionImage: z.object({
    displayId: z.string(),
    image: z.string().regex(/^data:image\/(png|jpeg|webp);base64,/),
    width: z.number().int().min(1),
    height: z.number().int().min(1),
  }),
  /**
   * What a scan started outside the window found (the tray's "Scan QR from screen", the scan
   * hotkey): main captured the screen before showing the window, which then shows this.
   */
  scanned: result(scanResult),
  /** The 2FA Directory after a background refresh (a new copy, or why it failed). */
  directory: directoryStatus,
  /** A browser asks to connect: "Connect <browser>?" with the code the extension shows too. */
  browserPairingPrompt: z.object({ id: z.string(), browser: z.string(), code: z.string() }),
  /** The browser went away or the prompt timed out: the window takes the prompt down. */
  browserPairingWithdrawn: z.object({ id: z.string() }),
  /** Paired browsers or their connections changed: Settings asks again. */
  browsersChanged: z.object({}),
  /** The extension (or the hotkey) found no account bound to this site: the person may choose one. */
  browserBindSite: z.object({
    /** The page's host: bound exactly unless the person chooses `wholeSite`. */
    domain: z.string(),
    /** "*.example.org": the site and its subdomains (null for loopback: no wider site). */
    wholeSite: z.string().nullable().optional(),
  }),
  /** Sync's view changed (a round, a device, a join or an invitation). */
  syncChanged: syncView,
  /** Following a phone's backups: a check ran, a newer backup arrived, a merge was made. */
  followChanged: followStatus,
} as const satisfies Record<EventName, z.ZodType>;

/** What the main process implements: one function per method, taking validated arguments. */
export type ContractHandlers = {
  [K in MethodName]: (
    ...args: z.output<(typeof methods)[K]['args']>
  ) => Promise<z.input<(typeof methods)[K]['result']>> | z.input<(typeof methods)[K]['result']>;
};

/** The API on window.trayotp, derived from the schemas above. */
export type TrayOtpApi = {
  [K in MethodName]: (
    ...args: z.input<(typeof methods)[K]['args']>
  ) => Promise<z.output<(typeof methods)[K]['result']>>;
} & {
  /** Subscribe to an event; returns the unsubscribe function. */
  on: <E extends EventName>(
    event: E,
    listener: (payload: z.output<(typeof events)[E]>) => void,
  ) => () => void;
};
