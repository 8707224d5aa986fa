// Downloading the directory's list: one plain GET of a fixed URL. Nothing about the user goes
// with it — no cookies or credentials, no query string, no account names — so the server learns
// only that some TrayOTP asked for the public list. The fetch function is injected (Node's own
// fetch in the app, which shares no cookies with any browser session); the answer is read with
// a size cap and a timeout, so a hostile or broken server can neither fill memory nor hang the
// update forever.
import { DirectoryDownloadError } from './errors';
import { MAX_DIRECTORY_BYTES } from './parse';

/** The 2FA Directory's public API: the sites that support TOTP. */
export const DIRECTORY_URL = 'https://api.2fa.directory/v3/totp.json';

export const DOWNLOAD_TIMEOUT_MS = 30_000;

/** The part of `fetch` a download needs. */
export type FetchFunction = (url: string, init: RequestInit) => Promise<Response>;

export interface DownloadOptions {
  url?: string;
  timeoutMs?: number;
  maxBytes?: number;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** The system's reason for a failed connection (ECONNREFUSED, ENOTFOUND...), if it gave one. */
function systemReason(error: unknown): string | undefined {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code;
  }
  return undefined;
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && error.name === 'TimeoutError';
}

/** The list's bytes, or a DirectoryDownloadError saying what went wrong. */
export async function downloadDirectory(
  fetchFunction: FetchFunction,
  options: DownloadOptions = {},
): Promise<Uint8Array> {
  const url = options.url ?? DIRECTORY_URL;
  const timeoutMs = options.timeoutMs ?? DOWNLOAD_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? MAX_DIRECTORY_BYTES;
  const host = hostOf(url);
  const timedOut = () =>
    new DirectoryDownloadError(
      'timeout',
      `${host} did not send the directory within ${+(timeoutMs / 1000).toFixed(1)} seconds; try again later.`,
    );

  let response: Response;
  try {
    response = await fetchFunction(url, {
      method: 'GET',
      credentials: 'omit',
      cache: 'no-store',
      // The fixed URL or nothing: a redirect elsewhere is not followed.
      redirect: 'error',
      referrerPolicy: 'no-referrer',
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    if (isTimeout(error)) throw timedOut();
    const reason = systemReason(error);
    if (!reason && error instanceof TypeError && /redirect/i.test(String(error.cause))) {
      throw new DirectoryDownloadError(
        'redirect',
        `${host} redirected the download elsewhere; TrayOTP only downloads from ${url}.`,
      );
    }
    throw new DirectoryDownloadError(
      'offline',
      `Could not reach ${host}${reason ? ` (${reason})` : ''}; check the internet connection and try again.`,
    );
  }

  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new DirectoryDownloadError(
      'http-status',
      `${host} answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''} instead of the directory; try again later.`,
    );
  }
  const tooLarge = () =>
    new DirectoryDownloadError(
      'too-large',
      `${host} sent more than ${Math.round(maxBytes / 1024 / 1024)} MB, far more than the directory; it was not used.`,
    );
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }

  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  try {
    for (;;) {
      const chunk = await reader?.read();
      if (!chunk || chunk.done) break;
      size += chunk.value.byteLength;
      if (size > maxBytes) {
        await reader?.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(chunk.value);
    }
  } catch (error) {
    if (error instanceof DirectoryDownloadError) throw error;
    if (isTimeout(error)) throw timedOut();
    throw new DirectoryDownloadError(
      'cut-off',
      `The download from ${host} was cut off after ${size} bytes; try again later.`,
    );
  }
  return Buffer.concat(chunks);
}
