// A device's name as the person types it: shown to the other devices in its card.
import { AppError } from '../shared/user-errors';

/** What the person typed, trimmed, without control characters, 1–64 characters; else an error. */
export function checkName(name: string): string {
  const clean = cleanName(name);
  if (!clean) {
    throw new AppError(
      'sync-device-name',
      'Give this computer a name (up to 64 characters) the other devices will show.',
      { deviceName: 'Give this computer a name.' },
    );
  }
  return clean;
}

export function cleanName(name: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  const clean = name.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return clean.length === 0 ? undefined : [...clean].slice(0, 64).join('');
}
