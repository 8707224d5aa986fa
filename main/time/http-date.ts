// The Date header of an HTTP response, read strictly in the three forms RFC 9110 §5.6.7 has
// recipients accept: IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT", what servers send), and the
// obsolete RFC 850 ("Sunday, 06-Nov-94 08:49:37 GMT") and asctime ("Sun Nov  6 08:49:37 1994")
// forms. Each is matched exactly (names, spacing, two-digit fields) and range-checked: a day the
// month has, hours 00–23, minutes 00–59, and second 60 only as a leap second at 23:59:60. Nothing
// is guessed, so a header Date.parse would half-read cannot move the clock.
// The weekday must be a weekday's name; whether it matches the date is not checked (a server that
// gets it wrong still knows the time).
import { CLOCK_LIMITS } from './limits';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const DAY_LONG = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const MONTH = `(${MONTHS.join('|')})`;
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';

const IMF_FIXDATE = new RegExp(`^${DAY}, (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`);
const RFC_850 = new RegExp(`^${DAY_LONG}, (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`);
const ASCTIME = new RegExp(`^${DAY} ${MONTH} ( [1-9]|[1-3]\\d) ${TIME} (\\d{4})$`);

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/**
 * Unix ms of the second the header names, or null when it is none of the three forms or names a
 * time that does not exist. `now` places RFC 850's two-digit year: a year more than 50 years
 * ahead of it is the century before (RFC 9110 §5.6.7).
 */
export function parseHttpDate(text: string, now: number = Date.now()): number | null {
  if (text.length > CLOCK_LIMITS.maxDateChars) return null;
  const fields = fieldsOf(text, now);
  return fields ? checked(fields) : null;
}

function fieldsOf(text: string, now: number): Fields | null {
  let match = IMF_FIXDATE.exec(text);
  if (match) {
    const [, day, month, year, hour, minute, second] = match;
    return fields(year!, month!, day!, hour!, minute!, second!);
  }
  match = RFC_850.exec(text);
  if (match) {
    const [, day, month, yy, hour, minute, second] = match;
    const thisYear = new Date(now).getUTCFullYear();
    let year = Math.floor(thisYear / 100) * 100 + Number(yy);
    if (year > thisYear + 50) year -= 100;
    else if (year <= thisYear - 50) year += 100;
    return fields(String(year), month!, day!, hour!, minute!, second!);
  }
  match = ASCTIME.exec(text);
  if (match) {
    const [, month, day, hour, minute, second, year] = match;
    return fields(year!, month!, day!.trim(), hour!, minute!, second!);
  }
  return null;
}

function fields(
  year: string,
  month: string,
  day: string,
  hour: string,
  minute: string,
  second: string,
): Fields {
  return {
    year: Number(year),
    month: MONTHS.indexOf(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second),
  };
}

/** Date.UTC for any year (Date.UTC itself reads years 0–99 as 1900–1999). */
function utc(year: number, month: number, day: number, seconds = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, day);
  return date.getTime() + seconds * 1000;
}

function checked({ year, month, day, hour, minute, second }: Fields): number | null {
  if (month < 0) return null;
  const daysInMonth = new Date(utc(year, month + 1, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return null;
  if (hour > 23 || minute > 59 || second > 60) return null;
  if (second === 60 && (hour !== 23 || minute !== 59)) return null;
  // A leap second counts as the next day's first second, which is when it ends.
  return utc(year, month, day, hour * 3600 + minute * 60 + second);
}
