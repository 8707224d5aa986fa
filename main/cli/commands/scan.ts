// trayotp scan IMAGE... [--json]: the QR codes in image files (PNG, JPEG, WebP, GIF, TIFF, AVIF,
// SVG) and the key URIs among them. decodeMs counts QR decoding only, not reading or
// decompressing the file.
import { QrError, scanImageFile } from '../../qr';
import { parseCommandArgs } from '../args';
import { CliError } from '../io';
import type { Command } from '../io';

const usage = 'trayotp scan IMAGE... [--json]';

export const scanCommand: Command = {
  name: 'scan',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } }, usage);
    if (positionals.length === 0)
      throw new CliError(`give at least one image file; usage: ${usage}`);
    const reports = [];
    for (const file of positionals) {
      let bytes: Buffer;
      try {
        bytes = await io.readFile(file);
      } catch (error) {
        const reason =
          (error as NodeJS.ErrnoException).code === 'ENOENT'
            ? 'no such file'
            : (error as Error).message;
        throw new CliError(`cannot read ${file}: ${reason}`);
      }
      try {
        const { texts, otpauth, decodeMs } = await scanImageFile(bytes);
        reports.push({ file, texts, otpauth, decodeMs: Math.round(decodeMs * 10) / 10 });
      } catch (error) {
        if (error instanceof QrError) throw new CliError(`${file}: ${error.message}`);
        throw error;
      }
    }
    if (values.json) {
      io.stdout(`${JSON.stringify(reports, null, 2)}\n`);
      return;
    }
    for (const { file, texts } of reports) {
      if (texts.length === 0) io.stdout(`${file}\t(no QR code)\n`);
      for (const text of texts) io.stdout(`${file}\t${text}\n`);
    }
  },
};
