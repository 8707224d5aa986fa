// One usage line per command: `trayotp --help` prints them without loading any command, and
// each command quotes its own in its errors. `-` reads standard input.
export const USAGE = {
  code: 'trayotp code URI...|- [--uri-file FILE] [--at UNIX_SECONDS] [--offset SECONDS]',
  parse: 'trayotp parse URI|- [--uri-file FILE] [--json]',
  migration: 'trayotp migration URI|- [--uri-file FILE] [--json]',
  scan: 'trayotp scan IMAGE... [--json]',
  'import-preview':
    'trayotp import-preview FILE|- [--format F] [--password-file P] [--key-file K] [--json [--show-secrets]]',
  export:
    'trayotp export --from FILE|- [--password-file P] [--key-file K] [--format F] --to trayotp|aegis|aegis-encrypted|otpauth|google-qr --out PATH [--export-password-file P2]',
  vault:
    'trayotp vault init|add URI...|-|list [--json]|code ACCOUNT [--at UNIX_SECONDS] [--offset SECONDS]|rename ACCOUNT NEW_NAME|remove ACCOUNT|export --plaintext --vault PATH [--passphrase-file FILE] [--uri-file FILE] [--allow-duplicate]',
  'time-check': 'trayotp time-check [--host HOST] [--json]',
} as const;
