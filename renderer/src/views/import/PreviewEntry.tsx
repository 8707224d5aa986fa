// One account of an import's preview: its label and type, the directory's spelling of its
// issuer, its warnings, and what to do with it: import it or not, or, when it is already in
// TrayOTP, skip, replace or keep both.
import type { ImportPreview } from '../../../../preload/contract';
import { IssuerSuggestion } from '../../components/IssuerSuggestion';
import { accountLabel } from '../../lib/format';
import type { Action } from './useImport';

export function PreviewEntry({
  entry,
  action,
  onAction,
  renamed,
  onRenamed,
}: {
  entry: ImportPreview['entries'][number];
  action: Action;
  onAction: (action: Action) => void;
  /** Whether the person accepted the directory's spelling of the issuer. */
  renamed: boolean;
  onRenamed: (accepted: boolean) => void;
}) {
  const label = accountLabel(entry);
  return (
    <li className="preview-entry">
      <div className="preview-label">
        <strong>{label}</strong> <span className="badge">{entry.type.toUpperCase()}</span>
        {entry.suggestedIssuer && (
          <IssuerSuggestion
            issuer={entry.issuer}
            suggestion={entry.suggestedIssuer}
            accepted={renamed}
            onChange={onRenamed}
          />
        )}
        {entry.warnings.map((warning) => (
          <p className="warning-text" key={warning}>
            {warning}
          </p>
        ))}
      </div>
      {entry.duplicateOf ? (
        <label className="inline-select">
          Already in TrayOTP:
          <select
            aria-label={`What to do with ${label}, already in TrayOTP`}
            value={action}
            onChange={(event) => onAction(event.target.value as Action)}
          >
            <option value="skip">Skip</option>
            <option value="replace">Replace</option>
            <option value="keep-both">Keep both</option>
          </select>
        </label>
      ) : (
        <label className="check">
          <input
            type="checkbox"
            checked={action === 'add'}
            aria-label={`Import ${label}`}
            onChange={(event) => onAction(event.target.checked ? 'add' : 'skip')}
          />
          Import
        </label>
      )}
    </li>
  );
}
