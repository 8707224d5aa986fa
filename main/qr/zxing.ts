// ZXing-C++ (zxing-wasm) with its .wasm read from the installed package. By default zxing-wasm
// fetches the binary from a CDN; giving `wasmBinary` up front means it never touches the network.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import type { ReaderOptions, ReadResult } from 'zxing-wasm/reader';
import type { GrayImage } from './gray';

export type { ReaderOptions, ReadResult };

let ready: Promise<unknown> | undefined;

/** Path of zxing_reader.wasm inside node_modules (or inside app.asar once packaged). */
export function zxingWasmPath(): string {
  return createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
}

/**
 * Instantiates ZXing once (compiling the wasm takes a few hundred ms); decode timings start after
 * this, as they would in a warm app.
 */
export function zxingReady(): Promise<unknown> {
  if (!ready) {
    const bytes = readFileSync(zxingWasmPath());
    const wasmBinary = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    ready = prepareZXingModule({
      overrides: {
        wasmBinary: wasmBinary as ArrayBuffer,
        // Belt and braces: should the binary ever be looked up by name, point at the local file.
        locateFile: (file: string) => (file.endsWith('.wasm') ? zxingWasmPath() : file),
      },
      fireImmediately: true,
    });
  }
  return ready;
}

/** ZXing on anything zxing-wasm reads (RGBA ImageData, encoded image bytes). */
export async function zxingRead(
  input: Uint8Array | ImageData,
  options: ReaderOptions,
): Promise<ReadResult[]> {
  await zxingReady();
  return readBarcodes(input, options);
}

/**
 * ZXing on a gray image. zxing-wasm's raw-pixel entry point wants RGBA (4× the bytes); its
 * image-file entry point reads PGM (binary "P5") straight into the luminance buffer ZXing uses,
 * so a gray image travels as a 15-byte header plus one byte a pixel.
 */
export async function zxingReadGray(
  image: GrayImage,
  options: ReaderOptions,
): Promise<ReadResult[]> {
  const header = new TextEncoder().encode(`P5\n${image.width} ${image.height}\n255\n`);
  const pgm = new Uint8Array(header.length + image.data.length);
  pgm.set(header);
  pgm.set(image.data, header.length);
  return zxingRead(pgm, options);
}
