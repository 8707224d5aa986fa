// Where TrayOTP gives codes and takes enrolments (issue 23, R6): pages served over https:, and
// loopback, which never leaves the computer. Over plain http: anyone on the network can read the
// page, or serve their own in its place, so a code filled there is a code handed out.

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether a page or frame at `url` may receive codes and enrol accounts. */
export function isSecurePage(url: string | undefined): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'https:') return true;
  return parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname);
}

export const NOT_SECURE_MESSAGE =
  'did not fill: this page is not secure (http:). TrayOTP fills codes and adds accounts only on https: pages, where no one on the network can read or replace the page.';
