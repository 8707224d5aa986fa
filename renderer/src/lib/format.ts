// How codes and labels are written for reading at a glance.

/** "123456" → "123 456", "12345678" → "1234 5678", "1234567" → "123 4567"; Steam's 5 stay whole. */
export function groupCode(code: string): string {
  if (code.length < 6) return code;
  const half = Math.floor(code.length / 2);
  return `${code.slice(0, half)} ${code.slice(half)}`;
}

/** The line under the issuer, or the issuer alone when there is no name. */
export function accountLabel(account: { issuer: string; name: string }): string {
  if (account.issuer && account.name) return `${account.issuer} (${account.name})`;
  return account.issuer || account.name || 'Unnamed account';
}

/** Up to two letters for the initials badge. */
export function initials(text: string): string {
  const words = text
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
  if (words.length === 0) return '?';
  if (words.length === 1) return words[0]!.slice(0, 2).toUpperCase();
  return (words[0]![0]! + words[1]![0]!).toUpperCase();
}

/** Whole seconds left until `validUntil`, never below 0. */
export function secondsLeft(validUntil: number, now: number): number {
  return Math.max(0, Math.ceil((validUntil - now) / 1000));
}
