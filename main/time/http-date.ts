// The Date header of an HTTP response, as RFC 9110 §5.6.7 has servers write it (IMF-fixdate:
// "Sun, 06 Nov 1994 08:49:37 GMT"). The two obsolete forms are refused rather than guessed at:
// every server worth asking the time sends IMF-fixdate, and a strict parser cannot be talked
// into a wrong time by a header Date.parse would half-read.
import { CLOCK_LIMITS } from './limits';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const IMF_FIXDATE =
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;

/** Unix ms of the second the header names, or null when it is not an IMF-fixdate. */
export function parseHttpDate(text: string): number | null {
  if (text.length > CLOCK_LIMITS.maxDateChars) return null;
  const match = IMF_FIXDATE.exec(text);
  if (!match) return null;
  const [day, month, year, hour, minute, second] = [
    Number(match[1]),
    MONTHS.indexOf(match[2]!),
    Number(match[3]),
    Number(match[4]),
    Number(match[5]),
    Number(match[6]),
  ];
  // Second 60 is a leap second, which RFC 5322 allows.
  if (month < 0 || hour > 23 || minute > 59 || second > 60) return null;
  const ms = Date.UTC(year, month, day, hour, minute, second);
  // Date.UTC rolls 31 Nov over into December: a day the month does not have is refused.
  return new Date(ms).getUTCDate() === day || second === 60 ? ms : null;
}
