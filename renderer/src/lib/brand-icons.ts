// Brand icons for the issuers people most often have two-step codes for, from simple-icons.
// Only the icons named below are bundled (simple-icons is ESM with one export per icon, and the
// bundler keeps only the namespace members used): the window stays small and loads fast.
// Everything else gets initials, or the account's own icon when an import brought one.
import * as icons from 'simple-icons';

export interface BrandIcon {
  title: string;
  /** The SVG path on a 24×24 view box. */
  path: string;
  /** Brand colour, six hex digits without '#'. */
  hex: string;
}

const ICONS: BrandIcon[] = [
  icons.si1password,
  icons.siAirbnb,
  icons.siAnthropic,
  icons.siApple,
  icons.siAtlassian,
  icons.siBackblaze,
  icons.siBattledotnet,
  icons.siBinance,
  icons.siBitbucket,
  icons.siBitwarden,
  icons.siCloudflare,
  icons.siCodeberg,
  icons.siCoinbase,
  icons.siDashlane,
  icons.siDigitalocean,
  icons.siDiscord,
  icons.siDocker,
  icons.siDropbox,
  icons.siEa,
  icons.siEbay,
  icons.siEpicgames,
  icons.siEtsy,
  icons.siFacebook,
  icons.siFigma,
  icons.siFirebase,
  icons.siGandi,
  icons.siGitea,
  icons.siGithub,
  icons.siGitlab,
  icons.siGodaddy,
  icons.siGoogle,
  icons.siHetzner,
  icons.siHuggingface,
  icons.siInstagram,
  icons.siJetbrains,
  icons.siLastpass,
  icons.siMailchimp,
  icons.siMastodon,
  icons.siMega,
  icons.siMongodb,
  icons.siMullvad,
  icons.siNamecheap,
  icons.siNetlify,
  icons.siNextcloud,
  icons.siNordvpn,
  icons.siNotion,
  icons.siNpm,
  icons.siOkta,
  icons.siOvh,
  icons.siPatreon,
  icons.siPaypal,
  icons.siPlaystation,
  icons.siPorkbun,
  icons.siProton,
  icons.siPypi,
  icons.siReddit,
  icons.siRevolut,
  icons.siRubygems,
  icons.siSentry,
  icons.siShopify,
  icons.siSnapchat,
  icons.siSteam,
  icons.siStripe,
  icons.siSupabase,
  icons.siTailscale,
  icons.siTelegram,
  icons.siTiktok,
  icons.siTrello,
  icons.siTwitch,
  icons.siUbisoft,
  icons.siUber,
  icons.siVercel,
  icons.siWise,
  icons.siWordpress,
  icons.siX,
  icons.siZoom,
];

/** Issuer spellings that differ from the brand's title. */
const ALIASES: Record<string, string> = {
  twitter: 'x',
  protonmail: 'proton',
  protonme: 'proton',
  blizzard: 'battlenet',
  battlenet: 'battlenet',
  electronicarts: 'ea',
  origin: 'ea',
  psn: 'playstation',
  sony: 'playstation',
  steampowered: 'steam',
  gmail: 'google',
  googlecom: 'google',
  githubcom: 'github',
  gitlabcom: 'gitlab',
  npmjs: 'npm',
  pypiorg: 'pypi',
  transferwise: 'wise',
  digitaloceancom: 'digitalocean',
};

function key(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const BY_KEY = new Map<string, BrandIcon>();
for (const icon of ICONS) BY_KEY.set(key(icon.title), icon);
for (const [alias, target] of Object.entries(ALIASES)) {
  const icon = BY_KEY.get(target);
  if (icon) BY_KEY.set(alias, icon);
}

/** The brand icon for an issuer ("GitHub", "github.com", "Google Workspace"), if we ship one. */
export function brandIconFor(issuer: string): BrandIcon | undefined {
  const whole = key(issuer);
  if (!whole) return undefined;
  const exact = BY_KEY.get(whole) ?? BY_KEY.get(whole.replace(/(com|org|net|io)$/, ''));
  if (exact) return exact;
  // The first word: "Google Workspace", "GitHub Enterprise", "Proton Mail".
  const first = key(issuer.trim().split(/[\s.:/(]/)[0] ?? '');
  return first ? BY_KEY.get(first) : undefined;
}
