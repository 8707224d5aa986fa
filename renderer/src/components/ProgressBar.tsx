// Progress of slow work in main (key derivation), shown while the window waits for it.
import type { Progress } from '../hooks/useProgress';

export function ProgressBar({ progress }: { progress: Progress | null }) {
  if (!progress) return null;
  const percent = Math.round(progress.fraction * 100);
  return (
    <div className="progress">
      <label>
        {progress.task} <span className="progress-percent">{percent}%</span>
        <progress max={100} value={percent} />
      </label>
    </div>
  );
}
