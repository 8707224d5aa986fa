// trayotp scan IMAGE... [--json]: the QR codes in image files (PNG, JPEG, WebP, GIF, TIFF, AVIF,
// SVG) and the key URIs among them. decodeMs counts QR decoding only, not reading or
// decompressing the file. Each file is reported on its own: one that cannot be read is named on
// stderr (and in the JSON, with its error) and the others are still scanned; exit 2 if any failed.
import { QrError, scanImageFile } from '../../qr';
import { parseCommandArgs } from '../args';
import { displayJson, displayText } from '../display';
import { MAX_BYTES, readInput } from '../input';
import { CliError, CliFailed } from '../io';
import type { Command } from '../io';
import { USAGE } from './usage';

const usage = USAGE.scan;

type Report =
  | { file: string; texts: string[]; otpauth: string[]; decodeMs: number }
  | { file: string; error: string };

export const scanCommand: Command = {
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } }, usage);
    if (positionals.length === 0)
      throw new CliError(`give at least one image file; usage: ${usage}`);
    const reports: Report[] = [];
    for (const file of positionals) {
      try {
        const bytes = await readInput(io, file, 'image', MAX_BYTES.image);
        const { texts, otpauth, decodeMs } = await scanImageFile(bytes);
        reports.push({ file, texts, otpauth, decodeMs: Math.round(decodeMs * 10) / 10 });
      } catch (error) {
        if (error instanceof CliError) reports.push({ file, error: error.message });
        else if (error instanceof QrError)
          reports.push({ file, error: `${file}: ${error.message}` });
        else throw error;
      }
    }
    for (const report of reports) {
      if ('error' in report) io.stderr(`trayotp: ${displayText(report.error)}\n`);
    }
    if (values.json) io.stdout(`${displayJson(reports)}\n`);
    else {
      for (const report of reports) {
        if ('error' in report) continue;
        const file = displayText(report.file);
        if (report.texts.length === 0) io.stdout(`${file}\t(no QR code)\n`);
        for (const text of report.texts) io.stdout(`${file}\t${displayText(text)}\n`);
      }
    }
    if (reports.some((report) => 'error' in report)) throw new CliFailed();
  },
};
