// ExternalLinks over Electron's shell.openExternal. Only https links get through: openExternal
// hands the URL to the OS, which would as happily run a file: or a custom-scheme URL. The
// directory service already offers only the directory's https links; this is the last check.
import type { Shell } from 'electron';
import type { ExternalLinks } from '../app/ports/external-links';

export class RefusedLinkError extends Error {
  override readonly name = 'RefusedLinkError';
}

export function createElectronExternalLinks(shell: Pick<Shell, 'openExternal'>): ExternalLinks {
  return {
    async open(url: string): Promise<void> {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        throw new RefusedLinkError(`Refused to open ${JSON.stringify(url)}: not a URL.`);
      }
      if (parsed.protocol !== 'https:' || parsed.username || parsed.password) {
        throw new RefusedLinkError(`Refused to open ${parsed.protocol} link: https only.`);
      }
      await shell.openExternal(parsed.href, { activate: true });
    },
  };
}
