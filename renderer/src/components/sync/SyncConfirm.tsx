// A question asked in place before a step that changes the group (removing a device, leaving):
// the step's own button (danger) and Cancel.
import type { ReactNode } from 'react';

export function SyncConfirm({
  label,
  children,
  action,
  onConfirm,
  onCancel,
}: {
  /** The group's accessible name. */
  label: string;
  /** The question, with what the step does. */
  children: ReactNode;
  /** The confirming button's text. */
  action: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <div className="sync-confirm" role="group" aria-label={label}>
      <p>{children}</p>
      <div className="buttons">
        <button type="button" className="danger" onClick={onConfirm}>
          {action}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
