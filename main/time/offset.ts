// The offset of this computer's clock from one HTTPS response: the server wrote its Date header
// at some moment between our request leaving and its answer arriving, so that moment is taken
// as the midpoint (± half the round trip), and the header's whole second as its middle (± 0.5 s).
import { TimeCheckError } from './errors';
import { parseHttpDate } from './http-date';
import { CLOCK_LIMITS } from './limits';

export interface ClockSample {
  /** This computer's clock (Unix ms) when the request left, after the TLS handshake. */
  sentAtMs: number;
  /** From the request leaving to the response headers arriving (a monotonic clock). */
  roundTripMs: number;
  /** The response's Date header as received, if any. */
  dateHeader: string | undefined;
}

export interface ClockMeasurement {
  host: string;
  /** Server time − this computer's time: add it to the local clock to get the server's. */
  offsetMs: number;
  /** The true offset lies within offsetMs ± uncertaintyMs. */
  uncertaintyMs: number;
  roundTripMs: number;
  serverTimeMs: number;
  /** This computer's clock at the midpoint of the request. */
  measuredAtMs: number;
}

/** Half of the header's one-second resolution. */
const HALF_SECOND = 500;

export function offsetFromSample(sample: ClockSample, host: string): ClockMeasurement {
  const header = sample.dateHeader;
  if (header === undefined) {
    throw new TimeCheckError(
      'no-date',
      `${host} answered without a Date header, so it cannot tell the time; choose another host.`,
    );
  }
  const second = parseHttpDate(header);
  if (second === null) {
    const shown =
      header.length > CLOCK_LIMITS.maxDateChars
        ? `${header.slice(0, CLOCK_LIMITS.maxDateChars)}…`
        : header;
    throw new TimeCheckError(
      'bad-date',
      `${host} sent a Date header that is not an HTTP date (${JSON.stringify(shown)}); choose another host.`,
    );
  }
  const halfTrip = sample.roundTripMs / 2;
  const serverTimeMs = second + HALF_SECOND;
  const measuredAtMs = sample.sentAtMs + halfTrip;
  return {
    host,
    offsetMs: serverTimeMs - measuredAtMs,
    uncertaintyMs: halfTrip + HALF_SECOND,
    roundTripMs: sample.roundTripMs,
    serverTimeMs,
    measuredAtMs,
  };
}
