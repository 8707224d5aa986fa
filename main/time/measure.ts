// One HTTPS HEAD request for "/" to the chosen host, reading its Date header and timing the round
// trip. Sent: the request line and a Host header — no cookies, no user agent, nothing about
// accounts. Trusted: the host's certificate, checked against Node's CA store (a failure means no
// offset). Bounded: one timer over the whole exchange, response headers at most 16 KiB, the body
// never read; redirects are not followed (their Date is as good as any).
import { request } from 'node:https';
import { performance } from 'node:perf_hooks';
import { TimeCheckError } from './errors';
import { parseClockHost } from './host';
import { CLOCK_LIMITS } from './limits';
import { offsetFromSample } from './offset';
import type { ClockMeasurement } from './offset';

export interface MeasureOptions {
  /** As the person gave it: "www.google.com", "host:8443", "https://host/". */
  host: string;
  timeoutMs?: number;
  /** This computer's clock, Unix ms (the one being measured). */
  now?: () => number;
  /** A monotonic clock in ms for the round trip, immune to the wall clock being set meanwhile. */
  monotonic?: () => number;
  /** Certificates to trust instead of Node's CA store: tests only (their own CA). */
  ca?: string;
}

/** Measures the offset, or rejects with a TimeCheckError saying why not. Never retries. */
export function measureClockOffset(options: MeasureOptions): Promise<ClockMeasurement> {
  let host: ReturnType<typeof parseClockHost>;
  try {
    host = parseClockHost(options.host);
  } catch (error) {
    return Promise.reject(error);
  }
  const now = options.now ?? Date.now;
  const monotonic = options.monotonic ?? (() => performance.now());
  const timeoutMs = options.timeoutMs ?? CLOCK_LIMITS.timeoutMs;
  return new Promise((resolve, reject) => {
    // Until the TLS handshake ends, the request has not left: the round trip starts then, so
    // name lookup and handshake do not widen the uncertainty. Fallback: the start of it all.
    let sentAt = now();
    let sentMono = monotonic();
    let settled = false;
    const settle = (done: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      done();
    };
    const req = request({
      host: host.hostname,
      port: host.port,
      method: 'HEAD',
      path: '/',
      agent: false, // a fresh connection: a pooled one would not time the handshake apart
      maxHeaderSize: CLOCK_LIMITS.maxHeaderBytes,
      ...(options.ca ? { ca: options.ca } : {}),
    });
    const timer = setTimeout(
      () =>
        settle(() =>
          reject(
            new TimeCheckError(
              'timeout',
              `${host.text} did not answer within ${timeoutMs / 1000} seconds; check the network, or choose another host.`,
            ),
          ),
        ),
      timeoutMs,
    );
    req.on('socket', (socket) => {
      socket.once('secureConnect', () => {
        sentAt = now();
        sentMono = monotonic();
      });
    });
    req.on('response', (response) => {
      const roundTripMs = monotonic() - sentMono;
      const dateHeader = response.headers.date;
      settle(() => {
        try {
          resolve(offsetFromSample({ sentAtMs: sentAt, roundTripMs, dateHeader }, host.text));
        } catch (error) {
          reject(error);
        }
      });
    });
    req.on('error', (error) => settle(() => reject(networkError(error, host.text))));
    req.end();
  });
}

const NAME_ERRORS = ['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA'];
const DATE_ERRORS = ['CERT_NOT_YET_VALID', 'CERT_HAS_EXPIRED'];

function networkError(error: Error, host: string): TimeCheckError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (NAME_ERRORS.includes(code)) {
    return new TimeCheckError(
      'not-found',
      `Could not find ${host}: no network, or the name is misspelt.`,
    );
  }
  if (code === 'HPE_HEADER_OVERFLOW') {
    return new TimeCheckError(
      'too-large',
      `${host} sent more than ${CLOCK_LIMITS.maxHeaderBytes / 1024} KiB of headers; choose another host.`,
    );
  }
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL|HOSTNAME/.test(code)) {
    const date = DATE_ERRORS.includes(code)
      ? " This can also mean this computer's date is wrong: check it."
      : ' On a network that inspects HTTPS, choose a host it lets through.';
    return new TimeCheckError(
      'untrusted',
      `${host}'s certificate is not trusted (${code}), so its time is not used.${date}`,
    );
  }
  return new TimeCheckError(
    'unreachable',
    `Could not reach ${host} (${code || error.message}); check the network, or choose another host.`,
  );
}
