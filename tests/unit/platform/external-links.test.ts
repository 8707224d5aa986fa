// The ExternalLinks adapter: https links reach shell.openExternal, nothing else does.
import { describe, expect, it } from 'vitest';
import {
  createElectronExternalLinks,
  RefusedLinkError,
} from '../../../main/platform/external-links';

function fakeShell() {
  const opened: string[] = [];
  return {
    opened,
    shell: {
      openExternal: async (url: string) => {
        opened.push(url);
      },
    },
  };
}

describe('createElectronExternalLinks', () => {
  it('opens an https link in the browser', async () => {
    const { opened, shell } = fakeShell();
    await createElectronExternalLinks(shell).open('https://docs.github.com/en/2fa');
    expect(opened).toEqual(['https://docs.github.com/en/2fa']);
  });

  it.each([
    ['http://example.com/', /http: link: https only/],
    ['file:///etc/passwd', /file: link: https only/],
    ['javascript:alert(1)', /javascript: link: https only/],
    ['trayotp-evil://run', /https only/],
    ['https://user:pw@example.com/', /https only/],
    ['not a url', /not a URL/],
  ])('refuses %s', async (url, message) => {
    const { opened, shell } = fakeShell();
    const error = await createElectronExternalLinks(shell)
      .open(url)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RefusedLinkError);
    expect((error as Error).message).toMatch(message);
    expect(opened).toEqual([]);
  });
});
