// Progress of slow work in main (a key derivation, an import), shown while the window waits for
// it: a labelled bar at the fraction main reports, and, for work that can be stopped, Cancel.
import { useId } from 'react';
import type { Progress } from '../hooks/useProgress';
import './progress-bar.css';

/** What each stage of an import is, in words (main/importers/types.ts ImportStage). */
const STAGES: Record<string, string> = {
  'deriving-key': 'checking the password',
  decrypting: 'decrypting',
  'reading-entries': 'reading the accounts',
  done: 'done',
};

export function ProgressBar({
  progress,
  label,
  onCancel,
  cancelLabel = 'Cancel',
}: {
  progress: Progress | null;
  /** What is being done ("Opening backup.json"); the task name otherwise. */
  label?: string;
  onCancel?: () => void;
  cancelLabel?: string;
}) {
  const id = useId();
  if (!progress) return null;
  const percent = Math.round(progress.fraction * 100);
  const stage = progress.stage ? STAGES[progress.stage] : undefined;
  const name = `${label ?? progress.task}${stage ? `: ${stage}` : ''}`;
  return (
    <div className="progress">
      <div className="progress-head">
        <span id={id}>{name}</span> <span className="progress-percent">{percent}%</span>
      </div>
      <div className="progress-row">
        <progress max={100} value={percent} aria-labelledby={id} />
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {cancelLabel}
          </button>
        )}
      </div>
    </div>
  );
}
