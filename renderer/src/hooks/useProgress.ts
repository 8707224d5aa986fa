// Progress of slow work in main (a key derivation during unlock or import), for a progress bar.
import { useEffect, useState } from 'react';
import { api } from '../lib/api';

export interface Progress {
  task: string;
  fraction: number;
  /** An import's stage (deriving-key, decrypting, reading-entries, done). */
  stage?: string | undefined;
}

export function useProgress(): Progress | null {
  const [progress, setProgress] = useState<Progress | null>(null);
  useEffect(
    () =>
      api().on('progress', (next) => {
        setProgress(next.fraction >= 1 ? null : next);
      }),
    [],
  );
  return progress;
}
