// The codes a scan found, to choose from: each with its label (or how many accounts a Google
// Authenticator export holds), whether it is already added, and the directory's spelling of its
// issuer; Add adds the chosen ones in one save.
import { useState } from 'react';
import type { AccountView, ScanResult } from '../../../../preload/contract';
import { ErrorMessage } from '../../components/Field';
import { IssuerSuggestion } from '../../components/IssuerSuggestion';
import { api, call } from '../../lib/api';
import { accountLabel } from '../../lib/format';
import { plural } from '../../lib/plural';

export function ScanPicker({
  scan,
  onAdded,
  onCancel,
}: {
  scan: ScanResult;
  onAdded: (added: AccountView[]) => void;
  onCancel: () => void;
}) {
  const [chosen, setChosen] = useState<Set<string>>(
    () => new Set(scan.candidates.filter((c) => !c.duplicateOf).map((c) => c.id)),
  );
  const [error, setError] = useState<string | null>(null);
  /** Candidates whose directory spelling of the issuer the person accepted. */
  const [renamed, setRenamed] = useState<Set<string>>(() => new Set());
  const add = async () => {
    // One decision, one save: each chosen candidate with the issuer the person accepted for it.
    const choices = [...chosen].map((candidateId) => {
      const candidate = scan.candidates.find((c) => c.id === candidateId);
      const issuer = renamed.has(candidateId) ? candidate?.suggestedIssuer : undefined;
      return { candidateId, ...(issuer && { issuer }) };
    });
    const result = await call(() => api().addScanned(scan.scanId, choices));
    if (!result.ok) return setError(result.error.message);
    onAdded(result.value.added);
  };
  return (
    <section className="scan-results" aria-labelledby="scan-results-title">
      <h2 id="scan-results-title">
        Found {scan.candidates.length} {scan.candidates.length === 1 ? 'code' : 'codes'}
      </h2>
      {scan.otherCodes > 0 && (
        <p className="hint">
          {scan.otherCodes} other QR {scan.otherCodes === 1 ? 'code was' : 'codes were'} ignored
          (not two-step codes).
        </p>
      )}
      <ul className="plain-list">
        {scan.candidates.map((candidate) => (
          <li key={candidate.id}>
            <label className="check">
              <input
                type="checkbox"
                checked={chosen.has(candidate.id)}
                onChange={(event) => {
                  const next = new Set(chosen);
                  if (event.target.checked) next.add(candidate.id);
                  else next.delete(candidate.id);
                  setChosen(next);
                }}
              />
              {candidate.kind === 'migration'
                ? `Google Authenticator export: ${plural(candidate.count, 'account')}`
                : accountLabel(candidate)}
              {candidate.duplicateOf && <span className="badge">already added</span>}
            </label>
            {candidate.kind === 'account' && candidate.suggestedIssuer && (
              <IssuerSuggestion
                issuer={candidate.issuer}
                suggestion={candidate.suggestedIssuer}
                accepted={renamed.has(candidate.id)}
                onChange={(accepted) => {
                  const next = new Set(renamed);
                  if (accepted) next.add(candidate.id);
                  else next.delete(candidate.id);
                  setRenamed(next);
                }}
              />
            )}
          </li>
        ))}
      </ul>
      <ErrorMessage message={error} />
      <div className="buttons">
        <button type="button" className="primary" disabled={chosen.size === 0} onClick={add}>
          Add {chosen.size === 1 ? 'account' : `${chosen.size} accounts`}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}
