// trayotp time-check [--host HOST] [--json]: how far this computer's clock is from a web server's,
// by one HTTPS HEAD request (main/time/measure.ts: what is sent and trusted). Prints the offset to
// give `trayotp code --offset`. Beyond what TrayOTP corrects (±300 s) it still prints the figure,
// then says to set the clock right, with exit status 2. Certificates: Node's CA store, plus
// NODE_EXTRA_CA_CERTS (a network that inspects HTTPS, or a test's own CA).
import { correctionFor, describeOffset } from '../../time/correction';
import { DEFAULT_CLOCK_HOST } from '../../time/limits';
import { TimeCheckError } from '../../time/errors';
import { measureClockOffset } from '../../time/measure';
import { parseCommandArgs } from '../args';
import { displayJson, displayText } from '../display';
import { CliError, CliFailed } from '../io';
import type { Command } from '../io';
import { USAGE } from './usage';

const usage = USAGE['time-check'];

export const timeCheckCommand: Command = {
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      { host: { type: 'string' }, json: { type: 'boolean' } },
      usage,
    );
    if (positionals.length > 0)
      throw new CliError(`time-check takes no arguments; usage: ${usage}`);
    const host = values.host ?? DEFAULT_CLOCK_HOST;
    let measured;
    try {
      measured = await measureClockOffset({ host, now: () => io.now() * 1000 });
    } catch (error) {
      if (!(error instanceof TimeCheckError)) throw error;
      const message = terminalWording(error, values.host !== undefined);
      if (values.json) {
        io.stdout(`${displayJson({ host, error: { code: error.code, message } })}\n`);
      }
      io.stderr(`trayotp: ${displayText(message)}\n`);
      throw new CliFailed(error.code);
    }
    const correction = correctionFor(measured.offsetMs);
    const seconds = (ms: number) => Math.round(ms) / 1000;
    if (values.json) {
      io.stdout(
        `${displayJson({
          host: measured.host,
          offsetSeconds: seconds(measured.offsetMs),
          uncertaintySeconds: seconds(measured.uncertaintyMs),
          roundTripMs: Math.round(measured.roundTripMs * 10) / 10,
          serverTime: new Date(measured.serverTimeMs).toISOString(),
          correctable: correction.kind === 'apply',
        })}\n`,
      );
    } else {
      const offset = seconds(measured.offsetMs);
      io.stdout(
        `${displayText(measured.host)}: offset ${offset > 0 ? '+' : ''}${offset.toFixed(1)} s ± ${seconds(measured.uncertaintyMs).toFixed(1)} s (round trip ${Math.round(measured.roundTripMs)} ms): this computer's clock is ${describeOffset(measured.offsetMs)}\n`,
      );
      if (correction.kind === 'apply' && Math.abs(offset) >= 1) {
        io.stdout(`to correct codes: trayotp code … --offset ${Math.round(offset)}\n`);
      }
    }
    if (correction.kind === 'refuse') {
      io.stderr(`trayotp: ${correction.message}\n`);
      throw new CliFailed('refused');
    }
  },
};

/**
 * The clock check's sentences are the window's ("choose another host"); here the way to choose
 * one is --host, and a host the person never typed cannot be misspelt.
 */
function terminalWording(error: TimeCheckError, hostGiven: boolean): string {
  let message = error.message.replace(/choose another host/g, 'give another with --host HOST');
  if (error.code === 'not-found' && !hostGiven) {
    message = message.replace(
      /no network, or the name is misspelt/,
      'is this computer offline? (or give another with --host HOST)',
    );
  }
  return message;
}
