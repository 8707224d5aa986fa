// `npm run bench:qr [-- --corpus DIR] [--repeat N] [--no-jsqr]`: on a corpus of screenshots with a
// truth.json ({file: {expect: [texts]}}), found/total and median/p95 decode time of
//   - this pipeline (main/qr: finder-pattern regions, whole-frame fallback),
//   - ZXing-C++ (zxing-wasm) on the whole frame with tryHarder,
//   - jsQR on the whole frame,
// side by side in one run on the same decoded RGBA frames, interleaved frame by frame so load
// from other processes hits all three alike. Times are wall-clock ms from pixels to texts
// (for the pipeline this includes its gray conversion); "cpu" is the process CPU time, which
// other processes disturb less. Default corpus: tests/fixtures/qr; render your own with
// `npx tsx bench/render-qr-corpus.ts` and pass --corpus test-results/qr-corpus.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import jsQR from 'jsqr';
import { decodeImageFile, pickOtpauth, scanFrame } from '../main/qr';
import type { Frame } from '../main/qr';
import { zxingRead, zxingReady } from '../main/qr/zxing';
import { testdataPath } from '../tests/support/testdata';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: testdataPath('qr') },
    repeat: { type: 'string', default: '3' },
    'no-jsqr': { type: 'boolean', default: false },
  },
});
const corpus = resolve(values.corpus);
const repeat = Math.max(1, Number(values.repeat));
const truth: Record<string, { expect: string[] }> = JSON.parse(
  readFileSync(join(corpus, 'truth.json'), 'utf8'),
);
const files = readdirSync(corpus).filter((f) => f in truth);

interface Decoder {
  name: string;
  decode: (frame: Frame) => Promise<string[]>;
}

const decoders: Decoder[] = [
  { name: 'pipeline (main/qr)', decode: async (frame) => (await scanFrame(frame)).texts },
  {
    name: 'zxing-wasm whole frame, tryHarder',
    decode: async (frame) => {
      const image = {
        data: new Uint8ClampedArray(
          frame.data.buffer,
          frame.data.byteOffset,
          frame.data.byteLength,
        ),
        width: frame.width,
        height: frame.height,
        colorSpace: 'srgb',
      } as unknown as ImageData;
      const results = await zxingRead(image, {
        formats: ['QRCode'],
        tryHarder: true,
        maxNumberOfSymbols: 255,
      });
      return results.map((r) => r.text);
    },
  },
];
if (!values['no-jsqr']) {
  decoders.push({
    name: 'jsQR whole frame',
    decode: async (frame) => {
      const data = new Uint8ClampedArray(
        frame.data.buffer,
        frame.data.byteOffset,
        frame.data.byteLength,
      );
      const code = jsQR(data, frame.width, frame.height);
      return code ? [code.data] : [];
    },
  });
}

interface Tally {
  found: number;
  falseKeys: number;
  framesAllFound: Set<string>;
  wall: number[];
  cpu: number[];
}
const tallies = new Map<Decoder, Tally>(
  decoders.map((d) => [
    d,
    { found: 0, falseKeys: 0, framesAllFound: new Set(), wall: [], cpu: [] },
  ]),
);

await zxingReady();
// One row per frame: for each decoder, the key URIs found of those expected and the median time.
console.log(
  `| frame | ${decoders.map((d) => `${d.name}: found/expected, median ms`).join(' | ')} |`,
);
console.log(`| --- |${' --- |'.repeat(decoders.length)}`);
let total = 0;
for (const file of files) {
  const expected = truth[file]!.expect;
  total += expected.length;
  const frame = await decodeImageFile(readFileSync(join(corpus, file)));
  const runs = new Map<Decoder, { wall: number[]; cpu: number[]; texts: string[] }>(
    decoders.map((d) => [d, { wall: [], cpu: [], texts: [] }]),
  );
  for (let r = 0; r < repeat; r++) {
    for (const decoder of decoders) {
      const run = runs.get(decoder)!;
      const cpu = process.cpuUsage();
      const start = performance.now();
      run.texts = await decoder.decode(frame);
      run.wall.push(performance.now() - start);
      const used = process.cpuUsage(cpu);
      run.cpu.push((used.user + used.system) / 1000);
    }
  }
  const line = [file.padEnd(40)];
  for (const decoder of decoders) {
    const run = runs.get(decoder)!;
    const tally = tallies.get(decoder)!;
    const hits = expected.filter((t) => run.texts.includes(t)).length;
    tally.found += hits;
    if (hits === expected.length) tally.framesAllFound.add(file);
    tally.falseKeys += pickOtpauth(run.texts).filter((t) => !expected.includes(t)).length;
    tally.wall.push(median(run.wall));
    tally.cpu.push(median(run.cpu));
    line.push(`${hits}/${expected.length} ${median(run.wall).toFixed(1).padStart(7)} ms`);
  }
  console.log(`| ${line.join(' | ')} |`);
}

console.log(
  `\ncorpus: ${corpus} (${files.length} frames, ${total} key URIs, median of ${repeat} runs each)\n`,
);
console.log('| decoder | found/total | median ms | p95 ms | median cpu ms | false key URIs |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const decoder of decoders) {
  const t = tallies.get(decoder)!;
  console.log(
    `| ${decoder.name} | ${t.found}/${total} | ${median(t.wall).toFixed(1)} | ${percentile(t.wall, 0.95).toFixed(1)} | ${median(t.cpu).toFixed(1)} | ${t.falseKeys} |`,
  );
}
const [ours, zxing] = decoders.map((d) => tallies.get(d)!);
if (ours && zxing) {
  const lost = [...zxing.framesAllFound].filter((f) => !ours.framesAllFound.has(f));
  console.log(
    `\npipeline / zxing whole-frame: median ${(median(ours.wall) / median(zxing.wall)).toFixed(2)}×, ` +
      `p95 ${(percentile(ours.wall, 0.95) / percentile(zxing.wall, 0.95)).toFixed(2)}×, ` +
      `median cpu ${(median(ours.cpu) / median(zxing.cpu)).toFixed(2)}×; ` +
      `frames zxing read fully but the pipeline did not: ${lost.length ? lost.join(', ') : 'none'}`,
  );
}

function median(values: number[]): number {
  return percentile(values, 0.5);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}
