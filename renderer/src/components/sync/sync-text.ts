// Sync's words for times and merges: "2 minutes ago", "added 2, changed 1", a phrase in groups.
import type { SyncView } from '../../../../preload/contract';
import { plural } from '../../lib/plural';

export function ago(at: number | null, now: number): string {
  if (at === null) return 'not yet';
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${plural(minutes, 'minute')} ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${plural(hours, 'hour')} ago`;
  const days = Math.round(hours / 24);
  return `${plural(days, 'day')} ago`;
}

export function mergeText(merge: NonNullable<SyncView['lastMerge']>): string {
  const parts = [
    merge.added && `added ${merge.added}`,
    merge.changed && `changed ${merge.changed}`,
    merge.removed && `removed ${merge.removed}`,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'no changes';
}

/** "m:ss" left until `until`. */
export function countdown(until: number, now: number): string {
  const left = Math.max(0, Math.ceil((until - now) / 1000));
  return `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
}

/** A 6-digit check code as "123 456", easier to compare aloud. */
export function spacedCode(code: string): string {
  return `${code.slice(0, 3)} ${code.slice(3)}`;
}
