// Which computer's clock is wrong (docs/sync.md § Hybrid logical clock, G3). A wall from another
// device far ahead of ours says only that the two clocks differ: it may be theirs that is fast
// or ours that is slow. The app's clock check, when it measured this computer, settles it;
// otherwise, with three computers or more, the majority does; with two, the notice names both
// and blames neither. Merging never depends on this: it is only what the person is told.
import { MAX_SKEW_MS } from './hlc';

export interface ClockReport {
  /** Devices whose clock is judged ahead, and by how much. */
  blamed: Map<string, number>;
  /** One sentence for the person, or undefined when the clocks agree. */
  notice: string | undefined;
}

export function clockReport(options: {
  /** Other devices whose newest own wall is ahead of this computer's clock, by how much. */
  ahead: ReadonlyMap<string, number>;
  /** Every other device in the group. */
  others: readonly string[];
  /** What this computer's clock must add to be right, when the clock check measured it. */
  offsetMs: number | undefined;
  name: (device: string) => string;
}): ClockReport {
  const { ahead, others, offsetMs, name } = options;
  const blamed = new Map<string, number>();
  const largest = Math.max(0, ...ahead.values());
  if (offsetMs !== undefined && Math.abs(offsetMs) > MAX_SKEW_MS) {
    return {
      blamed,
      notice: `This computer's clock is ${span(Math.abs(offsetMs))} ${offsetMs > 0 ? 'slow' : 'fast'} (the clock check measured it). Sync still orders changes by what each computer had seen.`,
    };
  }
  if (ahead.size === 0) return { blamed, notice: undefined };
  const trusted = offsetMs !== undefined;
  // This computer counts with those whose clocks agree with it.
  const agreeing = others.length - ahead.size + 1;
  const majorityRight = others.length >= 2 && agreeing > ahead.size;
  if (trusted || majorityRight) {
    for (const [device, ms] of ahead) blamed.set(device, ms);
    const names = [...ahead.keys()].map(name).join(', ');
    return {
      blamed,
      notice: `The clock of ${names} is ${span(largest)} ahead${trusted ? '' : ' of most computers in the group'}. Sync still orders changes by what each computer had seen; set that computer's clock right.`,
    };
  }
  if (others.length >= 2 && ahead.size > agreeing) {
    return {
      blamed,
      notice: `This computer's clock seems ${span(largest)} slow: most other computers in the group are ahead of it. Sync still orders changes by what each computer had seen.`,
    };
  }
  const names = [...ahead.keys()].map(name).join(', ');
  return {
    blamed,
    notice: `The clocks of this computer and ${names} differ by ${span(largest)}; one of them is wrong (Settings → Clock can check this one). Sync still orders changes by what each computer had seen.`,
  };
}

function span(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.round(ms / 3_600_000);
  if (hours < 48) return `${hours} hours`;
  const days = Math.round(ms / 86_400_000);
  if (days < 730) return `${days} days`;
  return `${Math.round(ms / (365.25 * 86_400_000))} years`;
}
