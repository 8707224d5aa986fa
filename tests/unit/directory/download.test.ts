// The download over real HTTP from a loopback server: a plain GET with nothing about the user,
// and each way a server or a network fails turned into a DirectoryDownloadError with a sentence.
import { afterEach, describe, expect, it } from 'vitest';
import { DIRECTORY_URL, downloadDirectory } from '../../../main/directory/download';
import { DirectoryDownloadError } from '../../../main/directory/errors';
import { parseDirectory } from '../../../main/directory/parse';
import {
  DIRECTORY_SITE_COUNT,
  refusedUrl,
  startDirectoryServer,
} from '../../support/directory-server';
import type { DirectoryServer, ServerMode } from '../../support/directory-server';

let server: DirectoryServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function failure(mode: ServerMode, options: { timeoutMs?: number; maxBytes?: number } = {}) {
  server = await startDirectoryServer(mode);
  try {
    await downloadDirectory(fetch, { url: server.url, ...options });
  } catch (error) {
    return error as DirectoryDownloadError;
  }
  throw new Error(`the ${mode} download did not fail`);
}

describe('downloading the directory', () => {
  it('fetches the fixed public URL by default', () => {
    expect(DIRECTORY_URL).toBe('https://api.2fa.directory/v3/totp.json');
  });

  it('gets the whole list with one plain GET that carries nothing about the user', async () => {
    server = await startDirectoryServer('ok');
    const bytes = await downloadDirectory(fetch, { url: server.url });
    expect(parseDirectory(bytes).sites).toHaveLength(DIRECTORY_SITE_COUNT);
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request!.method).toBe('GET');
    expect(request!.url).toBe('/v3/totp.json');
    expect(request!.headers.cookie).toBeUndefined();
    expect(request!.headers.authorization).toBeUndefined();
    expect(request!.headers.referer).toBeUndefined();
    expect(request!.headers.accept).toBe('application/json');
  });

  it.each([
    ['error', 'http-status', /answered 500 Internal Server Error instead of the directory/],
    ['truncated', 'cut-off', /was cut off after \d+ bytes/],
    ['redirect', 'redirect', /redirected the download elsewhere/],
  ] as const)('a server answering "%s" → %s', async (mode, code, message) => {
    const error = await failure(mode);
    expect(error).toBeInstanceOf(DirectoryDownloadError);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('gives up on a server that never answers, after the timeout', async () => {
    const started = Date.now();
    const error = await failure('hang', { timeoutMs: 300 });
    expect(error.code).toBe('timeout');
    expect(error.message).toMatch(/did not send the directory within 0.3 seconds; try again later/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('stops reading an endless answer at the size cap', async () => {
    const error = await failure('endless', { maxBytes: 1024 * 1024 });
    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(/sent more than 1 MB, far more than the directory/);
  });

  it('refuses an announced length over the cap without reading it', async () => {
    const error = await failure('ok', { maxBytes: 1000 });
    expect(error.code).toBe('too-large');
  });

  it('says the host could not be reached when nothing listens (offline)', async () => {
    const url = await refusedUrl();
    const error = await downloadDirectory(fetch, { url }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DirectoryDownloadError);
    expect((error as DirectoryDownloadError).code).toBe('offline');
    expect((error as Error).message).toMatch(
      /^Could not reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\); check the internet connection/,
    );
  });
});
