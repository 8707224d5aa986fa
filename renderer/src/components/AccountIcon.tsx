// The account's picture: its own icon (from an import), the issuer's brand icon, or initials.
// Decorative: the issuer is written beside it.
import { brandIconFor } from '../lib/brand-icons';
import { initials } from '../lib/format';
import './account-icon.css';

export function AccountIcon({
  issuer,
  name,
  icon,
  siteName,
  size = 'normal',
}: {
  issuer: string;
  name: string;
  icon: string | null;
  /** The 2FA Directory's name for the issuer's site ("GitHub" for "github.com"), if known. */
  siteName?: string | undefined;
  size?: 'normal' | 'large';
}) {
  const className = `account-icon account-icon-${size}`;
  if (icon) return <img className={className} src={icon} alt="" aria-hidden="true" />;
  const brand = (siteName && brandIconFor(siteName)) || brandIconFor(issuer);
  if (brand) {
    return (
      <span className={`${className} brand`} aria-hidden="true">
        <svg viewBox="0 0 24 24" role="presentation" focusable="false">
          <path d={brand.path} fill={`#${brand.hex}`} />
        </svg>
      </span>
    );
  }
  return (
    <span className={`${className} initials`} aria-hidden="true">
      {initials(issuer || name)}
    </span>
  );
}
