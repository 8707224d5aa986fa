// A warning for a guessable new passphrase: anyone with a copy of the vault file can try guesses
// offline, as fast as the KDF allows. zxcvbn-ts estimates the guesses (with its common-password
// and keyboard-pattern lists); below score 3 ("safely unguessable: moderate protection from
// offline slow-hash scenario", its documentation) the CLI warns but still takes it: the person
// may have reasons, and the KDF cost still applies. Loaded only by the commands that set a
// passphrase: the estimator and its word lists are several megabytes.
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

export const MIN_SCORE = 3;

/**
 * The warning to print, or undefined for a passphrase that scores MIN_SCORE or more. `noun` is
 * what the person calls it here, `file` what a thief would need a copy of.
 */
export function weakPassphraseWarning(
  passphrase: string,
  { noun, file }: { noun: 'passphrase' | 'password'; file: string },
): string | undefined {
  const zxcvbn = new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  const { score, crackTimes } = zxcvbn.check(passphrase);
  if (score >= MIN_SCORE) return undefined;
  const time = roughly(crackTimes.offlineSlowHashingXPerSecond.seconds);
  return `this ${noun} is weak (strength ${score} of 4: guessed in ${time} at 10,000 guesses a second); anyone with a copy of ${file} can try guesses offline. A few random words make a stronger one.`;
}

/** zxcvbn-ts's own wording needs a translation package; this is all the warning needs. */
function roughly(seconds: number): string {
  const units: [number, string][] = [
    [365 * 24 * 3600, 'year'],
    [24 * 3600, 'day'],
    [3600, 'hour'],
    [60, 'minute'],
    [1, 'second'],
  ];
  if (seconds < 1) return 'less than a second';
  if (seconds >= 100 * 365 * 24 * 3600) return 'centuries';
  const [size, unit] = units.find(([size]) => seconds >= size)!;
  const count = Math.round(seconds / size);
  return `about ${count} ${unit}${count === 1 ? '' : 's'}`;
}
