// Brand icons for the issuers people most often have two-step codes for, from simple-icons.
// Only these named imports are bundled (simple-icons is ESM with one export per icon, so the
// rest are tree-shaken away): the window stays small and loads fast. Everything else gets
// initials, or the account's own icon when an import brought one.
import {
  si1password,
  siAirbnb,
  siAnthropic,
  siApple,
  siAtlassian,
  siBackblaze,
  siBattledotnet,
  siBinance,
  siBitbucket,
  siBitwarden,
  siCloudflare,
  siCodeberg,
  siCoinbase,
  siDashlane,
  siDigitalocean,
  siDiscord,
  siDocker,
  siDropbox,
  siEa,
  siEbay,
  siEpicgames,
  siEtsy,
  siFacebook,
  siFigma,
  siFirebase,
  siGandi,
  siGitea,
  siGithub,
  siGitlab,
  siGodaddy,
  siGoogle,
  siHetzner,
  siHuggingface,
  siInstagram,
  siJetbrains,
  siLastpass,
  siMailchimp,
  siMastodon,
  siMega,
  siMongodb,
  siMullvad,
  siNamecheap,
  siNetlify,
  siNextcloud,
  siNordvpn,
  siNotion,
  siNpm,
  siOkta,
  siOvh,
  siPatreon,
  siPaypal,
  siPlaystation,
  siPorkbun,
  siProton,
  siPypi,
  siReddit,
  siRevolut,
  siRubygems,
  siSentry,
  siShopify,
  siSnapchat,
  siSteam,
  siStripe,
  siSupabase,
  siTailscale,
  siTelegram,
  siTiktok,
  siTrello,
  siTwitch,
  siUbisoft,
  siUber,
  siVercel,
  siWise,
  siWordpress,
  siX,
  siZoom,
} from 'simple-icons';

export interface BrandIcon {
  title: string;
  /** The SVG path on a 24×24 view box. */
  path: string;
  /** Brand colour, six hex digits without '#'. */
  hex: string;
}

const ICONS: BrandIcon[] = [
  si1password,
  siAirbnb,
  siAnthropic,
  siApple,
  siAtlassian,
  siBackblaze,
  siBattledotnet,
  siBinance,
  siBitbucket,
  siBitwarden,
  siCloudflare,
  siCodeberg,
  siCoinbase,
  siDashlane,
  siDigitalocean,
  siDiscord,
  siDocker,
  siDropbox,
  siEa,
  siEbay,
  siEpicgames,
  siEtsy,
  siFacebook,
  siFigma,
  siFirebase,
  siGandi,
  siGitea,
  siGithub,
  siGitlab,
  siGodaddy,
  siGoogle,
  siHetzner,
  siHuggingface,
  siInstagram,
  siJetbrains,
  siLastpass,
  siMailchimp,
  siMastodon,
  siMega,
  siMongodb,
  siMullvad,
  siNamecheap,
  siNetlify,
  siNextcloud,
  siNordvpn,
  siNotion,
  siNpm,
  siOkta,
  siOvh,
  siPatreon,
  siPaypal,
  siPlaystation,
  siPorkbun,
  siProton,
  siPypi,
  siReddit,
  siRevolut,
  siRubygems,
  siSentry,
  siShopify,
  siSnapchat,
  siSteam,
  siStripe,
  siSupabase,
  siTailscale,
  siTelegram,
  siTiktok,
  siTrello,
  siTwitch,
  siUbisoft,
  siUber,
  siVercel,
  siWise,
  siWordpress,
  siX,
  siZoom,
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
