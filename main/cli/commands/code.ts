// trayotp code URI...|- [--uri-file FILE] [--at UNIX_SECONDS] [--offset SECONDS]: one code a line,
// in the order given; --offset is added to the time (a clock `trayotp time-check` found off).
// Like oathtool, a bare base32 SECRET works too (TOTP by default; --hotp --counter N for HOTP;
// --digits, --period, --algorithm). Imports the OTP modules it needs, not main/otp's index (which
// loads protobufjs).
import { codeFor } from '../../otp/generate';
import { parseOtpUri } from '../../otp/uri';
import { toAccount } from '../../otp/validate';
import type { ValidatedAccount } from '../../otp/validate';
import { parseCommandArgs, parseOffsetSeconds, parseUnixSeconds } from '../args';
import { CliError } from '../io';
import type { Command } from '../io';
import { displayText } from '../display';
import { imageFileHint, parseEach, readLinks } from '../links';
import { USAGE } from './usage';

const usage = USAGE.code;

const options = {
  at: { type: 'string' },
  offset: { type: 'string' },
  'uri-file': { type: 'string' },
  totp: { type: 'boolean' },
  hotp: { type: 'boolean' },
  counter: { type: 'string' },
  digits: { type: 'string' },
  period: { type: 'string' },
  algorithm: { type: 'string' },
} as const;

interface SecretValues {
  hotp?: boolean | undefined;
  counter?: string | undefined;
  digits?: string | undefined;
  period?: string | undefined;
  algorithm?: string | undefined;
}

export const codeCommand: Command = {
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, options, usage);
    const at = values.at === undefined ? io.now() : parseUnixSeconds(values.at, '--at');
    if (at < 0) throw new CliError('--at must not be before 1970');
    const offset = values.offset === undefined ? 0 : parseOffsetSeconds(values.offset);
    if (at + offset < 0) throw new CliError('--at with --offset must not be before 1970');
    if (values.totp && values.hotp) throw new CliError('give --totp or --hotp, not both');
    const secretOptions = (['counter', 'digits', 'period', 'algorithm'] as const).filter(
      (name) => values[name] !== undefined,
    );
    const links = await readLinks(io, positionals, values['uri-file']);
    if (links.length === 0) throw new CliError(`no URI or secret given; usage: ${usage}`);
    // Parse all first, so a bad URI late in the list prints nothing half-done.
    const accounts = parseEach(links, (text) => {
      if (isLink(text)) {
        if (values.totp || values.hotp || secretOptions.length > 0) {
          throw new CliError(
            `--${values.hotp ? 'hotp' : values.totp ? 'totp' : secretOptions[0]} is for a bare secret; a link carries its own parameters`,
          );
        }
        return parseOtpUri(text).account;
      }
      return bareSecret(text, values).account;
    });
    for (const account of accounts) io.stdout(`${codeFor(account, at + offset)}\n`);
  },
};

function isLink(text: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(text.trim());
}

/** A secret as oathtool takes it: TOTP unless --hotp, with the given parameters. */
function bareSecret(text: string, values: SecretValues): ValidatedAccount {
  if (values.hotp && values.counter === undefined) {
    throw new CliError('--hotp needs --counter N (the counter of the code you want)');
  }
  if (!values.hotp && values.counter !== undefined) {
    throw new CliError('--counter goes with --hotp');
  }
  const image = imageFileHint(text);
  if (image) throw new CliError(image);
  if (!/^[a-z2-7=\s-]+$/i.test(text)) {
    throw new CliError(
      `"${displayText(text.slice(0, 40))}" is neither an otpauth:// link nor a base32 secret`,
    );
  }
  return toAccount({
    type: values.hotp ? 'hotp' : 'totp',
    secret: text,
    algorithm: values.algorithm?.toUpperCase(),
    digits: values.digits,
    period: values.hotp ? undefined : values.period,
    counter: values.counter,
  });
}
