// What the codes list says when it shows nothing: no accounts yet (and where to start), or no
// account matching the search.
export function EmptyList({
  accounts,
  shown,
  query,
  onSetup,
}: {
  /** How many accounts there are. */
  accounts: number;
  /** How many the search leaves. */
  shown: number;
  query: string;
  onSetup: (() => void) | undefined;
}) {
  if (accounts === 0) {
    return (
      <div className="empty">
        <p>No accounts yet. Choose Add to scan a QR code or paste a link.</p>
        {onSetup && (
          <p>
            <button type="button" className="link" onClick={onSetup}>
              Where do I turn on two-step?
            </button>
          </p>
        )}
      </div>
    );
  }
  if (shown === 0) {
    return (
      <p className="empty" role="status">
        No account matches “{query}”.
      </p>
    );
  }
  return null;
}
