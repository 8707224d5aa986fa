// One usage line and one help text per command: `trayotp --help` prints the lines without
// loading any command, `trayotp help COMMAND` and `COMMAND --help` the text, and each command
// quotes its own line in its errors. `-` reads standard input.
export const USAGE = {
  code: 'trayotp code URI...|SECRET...|- [--uri-file FILE] [--at UNIX_SECONDS] [--offset SECONDS]',
  parse: 'trayotp parse URI|- [--uri-file FILE] [--json]',
  migration: 'trayotp migration URI|- [--uri-file FILE] [--json]',
  scan: 'trayotp scan IMAGE... [--json]',
  'import-preview':
    'trayotp import-preview FILE|- [--format F] [--password-file P] [--key-file K] [--json [--show-secrets]]',
  export:
    'trayotp export --from FILE|- [--password-file P] [--key-file K] [--format F] --to trayotp|aegis|aegis-encrypted|otpauth|google-qr --out PATH|- [--export-password-file P2]',
  vault: 'trayotp vault init|add|import|list|code|rename|remove|export … [--vault PATH]',
  'time-check': 'trayotp time-check [--host HOST] [--json]',
} as const;

export type CommandName = keyof typeof USAGE;

export const VAULT_ACTIONS = 'init, add, import, list, code, rename, remove, export';

const SECRETS_NOTE =
  'A link or secret given as an argument shows in `ps` and the shell history: give - to read them from standard input (one a line), or --uri-file FILE.';

const PASSPHRASE_NOTE = `The vault is TrayOTP's own (see "where" below) unless --vault PATH names another; TRAYOTP_VAULT does the same for every command. Its passphrase comes from --passphrase-file FILE (- for standard input), else TRAYOTP_PASSPHRASE, else a hidden prompt when you are at a terminal. A vault that only the system keychain opens cannot be opened here: set a passphrase in TrayOTP (Settings → Passphrase) first.

Where TrayOTP keeps its vault: ~/.config/TrayOTP/vault.trayotp on Linux ($XDG_CONFIG_HOME if set), ~/Library/Application Support/TrayOTP/vault.trayotp on macOS, %APPDATA%\\TrayOTP\\vault.trayotp on Windows.`;

const PASSWORD_NOTE =
  'An encrypted FILE needs its password: --password-file P (its first line; - for standard input), or typed at the prompt when you are at a terminal. KeePass also takes --key-file K. --format F reads it as that format instead of detecting it (an unknown F lists the formats).';

export const HELP: Record<CommandName, string> = {
  code: `${USAGE.code}

Prints the current code of each account, one a line, in the order given.
  URI               an otpauth://totp/… or otpauth://hotp/… link
  SECRET            a bare base32 secret, as oathtool takes it: TOTP, 6 digits, 30 s, SHA1
    --totp          (the default for a SECRET) time-based
    --hotp --counter N   counter-based, the code for counter N
    --digits N, --period S, --algorithm SHA1|SHA256|SHA512   for a SECRET
  --at UNIX_SECONDS the code at that time instead of now
  --offset SECONDS  added to the time (±300), as trayotp time-check suggests

${SECRETS_NOTE}`,
  parse: `${USAGE.parse}

Prints the account an otpauth:// link describes, secret included (--json for JSON).

${SECRETS_NOTE}`,
  migration: `${USAGE.migration}

Lists the accounts in a Google Authenticator export link (otpauth-migration://), secrets
included with --json. To add them to the vault: trayotp vault add LINK (or - to read it).`,
  scan: `${USAGE.scan}

Reads the QR codes in image files (PNG, JPEG, WebP, GIF, TIFF, AVIF, SVG) and prints, per file,
the texts found and the otpauth:// link among them; exits 2 if a file could not be read.`,
  'import-preview': `${USAGE['import-preview']}

Shows what importing FILE would add, without adding anything: the detected format, each account
(secrets masked unless --json --show-secrets) and what cannot be imported, with why.

${PASSWORD_NOTE}`,
  export: `${USAGE.export}

Converts another app's export FILE into a file for another app. Never writes over an existing
file; --out - writes to standard output (not for google-qr, which writes PNG images into the
folder --out names). aegis, otpauth and google-qr are unencrypted (you are warned); trayotp and
aegis-encrypted need --export-password-file P2.

${PASSWORD_NOTE}`,
  vault: `trayotp vault ACTION … [--vault PATH] [--passphrase-file FILE]

  init                    make a new vault with a passphrase (asked twice at a terminal)
  add URI...|-            add accounts from otpauth:// or Google export links [--uri-file FILE]
  import FILE             add the accounts of another app's export, after showing them
                          [--format F] [--password-file P] [--key-file K] [--yes]
  list [--json]           the accounts, a line each (no secrets)
  code ACCOUNT            the current code [--at UNIX_SECONDS] [--offset SECONDS];
                          for HOTP the counter advances and is saved
  rename ACCOUNT NEW_NAME NEW_NAME is ISSUER:NAME, or NAME keeping the issuer
  remove ACCOUNT          remove the account
  export --plaintext      every account as an otpauth:// link (unencrypted; warned)

ACCOUNT is ISSUER:NAME, a name or issuer alone, or the id from list. add and import skip an
account the vault already has (same secret) and say how many; --allow-duplicate adds it anyway.

${PASSPHRASE_NOTE}`,
  'time-check': `${USAGE['time-check']}

Compares this computer's clock with a web server's (default www.google.com) by one HTTPS
request, and prints the offset and the --offset to give trayotp code. Beyond ±300 s it says to
set the clock right and exits 2. --json prints the same as JSON, also on failure.`,
};
