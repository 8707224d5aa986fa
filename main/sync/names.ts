// File names in the sync folder (docs/sync.md § Folder layout), including the conflict copies
// sync engines make: Syncthing's ".sync-conflict-…", Dropbox's and Nextcloud's
// " (conflicted copy …)", OneDrive's "-HOSTNAME". The 10-digit prefix and the extension decide.
export const SYNC_DIR = 'trayotp-sync';
export const DEVICE_CARD = 'device.tsd';

export type FileName =
  | { kind: 'segment' | 'snapshot'; seq: number; conflict: boolean }
  | { kind: 'device'; conflict: boolean }
  | { kind: 'invitation'; invite: string; conflict: boolean }
  | { kind: 'rotation'; seq: number; conflict: boolean };

export function seqName(seq: number, kind: 'segment' | 'snapshot'): string {
  return `${String(seq).padStart(10, '0')}.${kind === 'segment' ? 'tsl' : 'tss'}`;
}

export function rotationName(seq: number): string {
  return `keys-${String(seq).padStart(10, '0')}.tsk`;
}

export function invitationName(invite: string): string {
  return `invite-${invite}.tsi`;
}

/** Files a writer has not finished (ours and the sync engines'): skipped without a word. */
export function isTemporary(name: string): boolean {
  return (
    name.startsWith('.') ||
    name.startsWith('~') ||
    name.endsWith('.tmp') ||
    name.endsWith('.partial') ||
    name.includes('.syncthing.')
  );
}

export function classifyName(name: string): FileName | undefined {
  if (isTemporary(name)) return undefined;
  const seq = /^(\d{10})(.*)\.(tsl|tss)$/.exec(name);
  if (seq) {
    return {
      kind: seq[3] === 'tsl' ? 'segment' : 'snapshot',
      seq: Number(seq[1]),
      conflict: seq[2] !== '',
    };
  }
  const rotation = /^keys-(\d{10})(.*)\.tsk$/.exec(name);
  if (rotation) return { kind: 'rotation', seq: Number(rotation[1]), conflict: rotation[2] !== '' };
  const card = /^device(.*)\.tsd$/.exec(name);
  if (card) return { kind: 'device', conflict: card[1] !== '' };
  const invite = /^invite-([a-z2-7]{13})(.*)\.tsi$/.exec(name);
  if (invite) return { kind: 'invitation', invite: invite[1]!, conflict: invite[2] !== '' };
  return undefined;
}
