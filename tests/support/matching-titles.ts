// A realistic vault of 40 accounts and 50 focused-window titles for the hotkey's account choice,
// shared by tests/unit/app/account-matching-titles.test.ts and bench/matching.ts. Issuers are
// written as the sites' own QR codes and the usual exports write them: "GitHub", "gitlab.com",
// "Binance.com", "Amazon Web Services", "Twitter" for what the directory now calls X.
//
// Each title says what a person pressing the hotkey there wants (`want`): one account's id, or
// 'pick' when no single account is right (two accounts of the issuer and nothing to tell them
// apart, a window that needs no code, a site the user has no account on). Where TrayOTP does not
// reach that today, `without` / `withDirectory` say what it does instead, so the test pins the
// behaviour and the benchmark counts the shortfall honestly.

export interface TitleAccount {
  id: string;
  issuer: string;
  name: string;
}

export type Outcome = string; // an account id, or 'pick'

export interface TitleCase {
  title: string;
  want: Outcome;
  /** What matching without the 2FA Directory gives, where it is not `want`. */
  without?: Outcome;
  /** What matching with the 2FA Directory gives, where it is not `want`. */
  withDirectory?: Outcome;
}

export const TITLE_ACCOUNTS: readonly TitleAccount[] = [
  { id: '20i', issuer: '20i', name: 'ops@example.com' },
  { id: 'gh-alice', issuer: 'GitHub', name: 'alice' },
  { id: 'gh-acme', issuer: 'GitHub', name: 'alice-acme' },
  { id: 'gitlab', issuer: 'gitlab.com', name: 'alice' },
  { id: 'google', issuer: 'Google', name: 'alice@gmail.com' },
  { id: 'google-acme', issuer: 'Google', name: 'a.smith@acme.com' },
  { id: 'aws', issuer: 'Amazon Web Services', name: 'alice@acme-prod' },
  { id: 'amazon', issuer: 'Amazon', name: 'alice@example.com' },
  { id: 'cloudflare', issuer: 'Cloudflare', name: 'alice@example.com' },
  { id: 'microsoft', issuer: 'Microsoft', name: 'alice@outlook.com' },
  { id: 'proton', issuer: 'Proton', name: 'alice@proton.me' },
  { id: 'mail', issuer: 'Mail', name: 'alice@mail.example.org' },
  { id: 'dropbox', issuer: 'Dropbox', name: 'alice@example.com' },
  { id: 'slack', issuer: 'Slack', name: 'alice@example.com' },
  { id: 'discord', issuer: 'Discord', name: 'alice' },
  { id: 'x', issuer: 'Twitter', name: '@alice' },
  { id: 'paypal', issuer: 'PayPal', name: 'alice@example.com' },
  { id: 'npm', issuer: 'npm', name: 'alice' },
  { id: 'pypi', issuer: 'PyPI', name: 'alice' },
  { id: 'bitwarden', issuer: 'Bitwarden', name: 'alice@example.com' },
  { id: 'hetzner', issuer: 'Hetzner', name: 'K0123456789' },
  { id: 'digitalocean', issuer: 'DigitalOcean', name: 'alice@example.com' },
  { id: 'namecheap', issuer: 'Namecheap', name: 'alice' },
  { id: 'coinbase', issuer: 'Coinbase', name: 'alice@example.com' },
  { id: 'reddit', issuer: 'reddit', name: 'alice' },
  { id: 'binance', issuer: 'Binance.com', name: 'alice@example.com' },
  { id: 'epic', issuer: 'Epic Games', name: 'alice' },
  { id: 'nintendo', issuer: 'Nintendo Account', name: 'alice' },
  { id: 'atlassian', issuer: 'Atlassian', name: 'alice@acme.com' },
  { id: 'mailchimp', issuer: 'Mailchimp', name: 'alice' },
  { id: 'fastmail', issuer: 'Fastmail', name: 'alice@fastmail.com' },
  { id: 'tiny', issuer: 'Tiny Forum', name: 'al' },
  { id: 'ovh', issuer: 'OVHcloud', name: 'ab12345-ovh' },
  { id: 'openai', issuer: 'OpenAI', name: 'alice@example.com' },
  { id: 'synology', issuer: 'Synology', name: 'alice@example.com' },
  { id: 'heroku', issuer: 'Heroku', name: 'alice@example.com' },
  { id: 'stripe', issuer: 'Stripe', name: 'alice@example.com' },
  { id: 'linode', issuer: 'Linode', name: 'alice' },
  { id: 'wordpress', issuer: 'WordPress.com', name: 'alice' },
  { id: 'kraken', issuer: 'Kraken', name: 'alice@example.com' },
];

// Browsers append their name (Edge also the profile, and a zero-width space in its own name);
// Safari and desktop apps show the page or app title alone.
const firefox = (t: string) => `${t} — Mozilla Firefox`;
const chrome = (t: string) => `${t} - Google Chrome`;
const edge = (t: string) => `${t} - Personal - Microsoft\u200b Edge`;

export const TITLE_CASES: readonly TitleCase[] = [
  // 20i: a product name built on the issuer, its hostname, its name.
  { title: firefox('my20i – Log in'), want: '20i' },
  { title: chrome('Log in | 20i'), want: '20i' },
  { title: chrome('my.20i.com/login/2fa'), want: '20i', without: 'pick' },
  // Two GitHub accounts: the picker, unless the title shows which one.
  { title: firefox('Sign in to GitHub · GitHub'), want: 'pick' },
  { title: chrome('Two-factor authentication · GitHub'), want: 'pick' },
  { title: edge('alice-acme (Alice Smith) · GitHub'), want: 'gh-acme' },
  { title: 'GitHub Desktop', want: 'pick' },
  // An issuer written as a domain.
  { title: firefox('Sign in · GitLab'), want: 'gitlab' },
  { title: chrome('gitlab.com/users/sign_in'), want: 'gitlab' },
  { title: chrome('Log In | Binance'), want: 'binance' },
  // Two Google accounts; localized; the address in the title decides.
  { title: firefox('Sign in – Google Accounts'), want: 'pick' },
  { title: chrome('Anmelden – Google Konten'), want: 'pick' },
  {
    title: chrome('Inbox (3) - alice@gmail.com - Gmail'),
    want: 'google',
    without: 'pick',
    withDirectory: 'pick',
  },
  { title: chrome('Google Admin - a.smith@acme.com'), want: 'google-acme' },
  // Amazon and Amazon Web Services: the longer name, its initials, its hostname.
  { title: chrome('AWS Management Console'), want: 'aws' },
  { title: firefox('Amazon Web Services Sign-In'), want: 'aws' },
  { title: chrome('signin.aws.amazon.com/oauth?client_id=arn'), want: 'aws', without: 'pick' },
  { title: firefox('Amazon Sign-In'), want: 'amazon' },
  { title: edge('Amazon.co.uk: Two-Step Verification'), want: 'amazon', without: 'pick' },
  // Cloudflare by name and by hostname.
  { title: firefox('Log in | Cloudflare'), want: 'cloudflare' },
  { title: chrome('dash.cloudflare.com/login'), want: 'cloudflare', without: 'pick' },
  // Microsoft's own titles rarely say "Microsoft".
  { title: firefox('Sign in to your Microsoft account'), want: 'microsoft' },
  {
    title: firefox('Sign in to your account'),
    want: 'microsoft',
    without: 'pick',
    withDirectory: 'pick',
  },
  {
    title: chrome('Mail - Alice Smith - Outlook'),
    want: 'microsoft',
    without: 'pick',
    withDirectory: 'pick',
  },
  // Proton and its products; the "Mail" account never matches a title just for "mail".
  { title: firefox('Inbox | alice@proton.me | Proton Mail'), want: 'proton' },
  { title: 'Proton VPN', want: 'proton' },
  { title: chrome('account.proton.me/login'), want: 'proton', without: 'pick' },
  // Dropbox, and Dropbox Sign: another site, where the user has no account.
  { title: chrome("Dropbox - Verify it's you"), want: 'dropbox' },
  { title: firefox('Dropbox Sign – Log in'), want: 'pick', without: 'dropbox' },
  // Desktop apps.
  { title: 'Slack | general | Acme Corp', want: 'slack' },
  { title: 'Discord', want: 'discord' },
  { title: 'Bitwarden', want: 'bitwarden' },
  // X, exported as Twitter.
  { title: firefox('Log in to X / X'), want: 'x', without: 'pick' },
  { title: chrome('Home / X'), want: 'x', without: 'pick' },
  // Others by name, by hostname, localized, with an unread counter.
  { title: firefox('Log in to your PayPal account'), want: 'paypal' },
  { title: chrome('npmjs.com/login?next=/settings/alice/tfa'), want: 'npm', without: 'pick' },
  { title: firefox('Log in · PyPI'), want: 'pypi' },
  { title: firefox('Hetzner Accounts - Login'), want: 'hetzner' },
  { title: chrome('cloud.digitalocean.com/login'), want: 'digitalocean', without: 'pick' },
  { title: firefox('Coinbase – Anmelden'), want: 'coinbase' },
  { title: firefox('(12) Reddit - Dive into anything'), want: 'reddit' },
  { title: firefox('Epic Games Store - Iniciar sesión'), want: 'epic' },
  { title: chrome('Fortnite | Sign in'), want: 'epic', without: 'pick' },
  { title: firefox('Nintendo Account - Connexion'), want: 'nintendo' },
  { title: chrome('Log in to continue - Log in with Atlassian account'), want: 'atlassian' },
  { title: chrome('Mailchimp Login | Intuit Mailchimp'), want: 'mailchimp' },
  { title: chrome('OVHcloud Control Panel'), want: 'ovh' },
  { title: chrome('ChatGPT'), want: 'openai', without: 'pick' },
  { title: chrome('Tiny Forum - two-step verification'), want: 'tiny' },
  // No account wanted.
  { title: 'Terminal — alice@laptop: ~/src', want: 'pick' },
];
