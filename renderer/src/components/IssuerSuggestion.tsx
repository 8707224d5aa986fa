// The 2FA Directory's spelling of an issuer ("GitHub" for "github.com"), offered beside a scanned
// or imported account. Only a suggestion: nothing changes unless the person accepts it, and they
// can take it back before the account is added.
import './issuer-suggestion.css';

export function IssuerSuggestion({
  issuer,
  suggestion,
  accepted,
  onChange,
}: {
  issuer: string;
  suggestion: string;
  accepted: boolean;
  onChange: (accepted: boolean) => void;
}) {
  if (accepted) {
    return (
      <span className="suggestion">
        Will be saved as “{suggestion}”.{' '}
        <button type="button" className="link" onClick={() => onChange(false)}>
          Keep “{issuer}”
        </button>
      </span>
    );
  }
  return (
    <span className="suggestion">
      <button
        type="button"
        className="link"
        aria-label={`Use “${suggestion}” instead of “${issuer}”, as the 2FA Directory writes it?`}
        onClick={() => onChange(true)}
      >
        Use “{suggestion}”?
      </button>
    </span>
  );
}
