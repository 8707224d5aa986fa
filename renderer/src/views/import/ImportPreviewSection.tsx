// What an opened file holds, before anything is added: each account with what to do with it,
// what cannot be imported and why, and the Import button with how many accounts it adds.
import type { RefObject } from 'react';
import type { ImportPreview } from '../../../../preload/contract';
import { PreviewEntry } from './PreviewEntry';
import type { Action } from './useImport';

export function ImportPreviewSection({
  preview,
  headingRef,
  actions,
  onActions,
  renamed,
  onRenamed,
  busy,
  onConfirm,
}: {
  preview: ImportPreview;
  headingRef: RefObject<HTMLHeadingElement | null>;
  actions: Record<number, Action>;
  onActions: (actions: Record<number, Action>) => void;
  renamed: Set<number>;
  onRenamed: (renamed: Set<number>) => void;
  busy: boolean;
  onConfirm: () => void;
}) {
  const chosen = preview.entries.filter((e) => actions[e.index] !== 'skip').length;
  return (
    <section aria-labelledby="preview-title">
      <h2 id="preview-title" ref={headingRef} tabIndex={-1}>
        {preview.entries.length} {preview.entries.length === 1 ? 'account' : 'accounts'} in this{' '}
        {preview.formatLabel} file
      </h2>
      <ul className="preview-list">
        {preview.entries.map((entry) => (
          <PreviewEntry
            key={entry.index}
            entry={entry}
            action={actions[entry.index] ?? 'add'}
            onAction={(action) => onActions({ ...actions, [entry.index]: action })}
            renamed={renamed.has(entry.index)}
            onRenamed={(accepted) => {
              const next = new Set(renamed);
              if (accepted) next.add(entry.index);
              else next.delete(entry.index);
              onRenamed(next);
            }}
          />
        ))}
      </ul>
      {preview.skipped.length > 0 && (
        <>
          <h3>Cannot be imported</h3>
          <ul className="plain-list">
            {preview.skipped.map((skipped, i) => (
              <li key={i}>
                <strong>{skipped.label}</strong>: {skipped.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      <button type="button" className="primary" onClick={onConfirm} disabled={busy || chosen === 0}>
        Import {chosen} {chosen === 1 ? 'account' : 'accounts'}
      </button>
    </section>
  );
}
