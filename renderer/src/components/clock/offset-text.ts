// How the window says an offset: "2 min fast", "0.4 s slow", "120.3 s fast": always with the
// word for its direction, never a bare sign beside "fast" (the by-hand field alone takes one). The same words as the
// CLI and main's messages (main/time/correction.ts), written again because the renderer does not
// import main. A positive offset (server − this computer) means this computer's clock is slow.

/** "2 min", "6 min 40 s", "2.3 s": the size of an offset, without its direction. */
export function offsetAmount(offsetMs: number): string {
  const abs = Math.abs(offsetMs);
  const tenths = Math.round(abs / 100);
  if (tenths < 100) return `${(tenths / 10).toFixed(1)} s`;
  const total = Math.round(abs / 1000);
  const h = Math.floor(total / 3600);
  const min = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const parts = h > 0 ? [`${h} h`, `${min} min`] : min > 0 ? [`${min} min`] : [];
  if (s > 0 || parts.length === 0) parts.push(`${s} s`);
  return parts.join(' ');
}

/** "2 min fast", "45 s slow", "on time". */
export function offsetPhrase(offsetMs: number): string {
  if (Math.round(Math.abs(offsetMs) / 100) === 0) return 'on time';
  return `${offsetAmount(offsetMs)} ${offsetMs > 0 ? 'slow' : 'fast'}`;
}

/** "This computer's clock is 2 min fast". */
export function clockSentence(offsetMs: number): string {
  return `This computer's clock is ${offsetPhrase(offsetMs)}`;
}

/** "120.2 s fast", "45.0 s slow": the measured figure to a tenth, in words that say which way. */
export function preciseOffset(offsetMs: number): string {
  const tenths = Math.round(Math.abs(offsetMs) / 100);
  if (tenths === 0) return 'on time';
  return `${(tenths / 10).toFixed(1)} s ${offsetMs > 0 ? 'slow' : 'fast'}`;
}

/** "± 0.6 s". */
export function uncertaintyText(uncertaintyMs: number): string {
  return `± ${(Math.ceil(uncertaintyMs / 100) / 10).toFixed(1)} s`;
}

/** "5 minutes", "90 seconds". */
export function limitText(seconds: number): string {
  if (seconds % 60 === 0) return seconds === 60 ? '1 minute' : `${seconds / 60} minutes`;
  return `${seconds} seconds`;
}

/** A time of day in the person's locale, to the second. */
export function timeOfDay(ms: number): string {
  return new Date(ms).toLocaleTimeString(undefined, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}
