// The host whose clock is asked: what a person types in Settings or gives to --host. A bare name,
// name:port, or an https:// address (its path is ignored: the check always asks for "/").
import { isIP } from 'node:net';
import { TimeCheckError } from './errors';
import { CLOCK_LIMITS, DEFAULT_CLOCK_HOST } from './limits';

export interface ClockHost {
  /** Lower case, IDNs in their xn-- form, IPv6 without brackets. */
  hostname: string;
  port: number;
  /** How it is shown and stored: "example.org", "127.0.0.1:8443", "[::1]:8443". */
  text: string;
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

function notAHost(text: string): TimeCheckError {
  return new TimeCheckError(
    'bad-host',
    `"${text}" is not a host name; give one such as ${DEFAULT_CLOCK_HOST}.`,
  );
}

export function parseClockHost(input: string): ClockHost {
  const text = input.trim();
  if (!text)
    throw new TimeCheckError('bad-host', `Give a host name, such as ${DEFAULT_CLOCK_HOST}.`);
  if (text.length > CLOCK_LIMITS.maxHostChars) {
    throw new TimeCheckError(
      'bad-host',
      `That host name is too long (at most ${CLOCK_LIMITS.maxHostChars} characters).`,
    );
  }
  let authority = text;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text);
  if (scheme) {
    if (scheme[1]!.toLowerCase() !== 'https') {
      throw new TimeCheckError(
        'bad-host',
        'The clock is checked over HTTPS only; give an https:// address or a host name.',
      );
    }
    authority = text.slice(scheme[0].length).split(/[/?#]/)[0]!;
  }
  const parts = /^(\[[0-9a-fA-F:.]+\]|[^:@[\]]+)(?::(\d*))?$/.exec(authority);
  if (!parts) throw notAHost(text);
  let port = 443;
  if (parts[2] !== undefined) {
    port = Number(parts[2]);
    if (!/^\d{1,5}$/.test(parts[2]) || port < 1 || port > 65_535) {
      throw new TimeCheckError('bad-host', 'The port must be a number from 1 to 65535.');
    }
  }
  let hostname: string;
  try {
    // WHATWG URL does the IDN (UTS #46) mapping to xn-- labels and the IPv4/IPv6 forms.
    hostname = new URL(`https://${parts[1]}/`).hostname;
  } catch {
    throw notAHost(text);
  }
  hostname = hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  const ip = isIP(hostname);
  if (!ip && !hostname.split('.').every((label) => LABEL.test(label))) throw notAHost(text);
  const shown = ip === 6 ? `[${hostname}]` : hostname;
  return { hostname, port, text: port === 443 ? shown : `${shown}:${port}` };
}
