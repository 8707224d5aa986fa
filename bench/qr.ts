// `npm run bench:qr [-- --corpus DIR[,DIR…]] [--repeat N] [--no-jsqr] [--no-sets] [--desks-only]
// [--e2e]`: on
// corpora of screenshots with a truth.json ({file: {expect: [texts], set?, display?}}), found/total
// and median/p95 decode time of
//   - this pipeline (main/qr: finder-pattern regions, whole-frame read only when needed),
//   - ZXing-C++ (zxing-wasm) on the whole frame with tryHarder, the baseline every ratio uses,
//   - jsQR on the whole frame,
// side by side in one run on the same decoded RGBA frames, interleaved frame by frame so load
// from other processes hits all three alike. Times are wall-clock ms from pixels to texts (for
// the pipeline this includes its gray conversion); "cpu" is the process CPU time, which other
// processes disturb less. Then (issue 19):
//   - the frames by kind (no QR code at all, a decoy only, a key), pipeline / ZXing ratios;
//   - what each pipeline pass costs and how often it is the one that finds the key;
//   - three-display desks (truth.json `set`): ZXing on each display in turn against the pipeline
//     in a QrWorkerPool (all displays at once), to every display decoded and to the first key;
//   - with --e2e, end to end under Xvfb: Chromium shows a page on a 3840×2160 X screen, the X11
//     capture adapter reads it and ScreenScanner decodes it in the pool, capture beside decode.
// Default corpus: tests/fixtures/qr; render more with `npx tsx bench/render-qr-corpus.ts` or
// `npx tsx bench/qr-render-screens.ts --seed S` and pass --corpus test-results/….
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import jsQR from 'jsqr';
import { decodeImageFile, pickOtpauth, scanFrame } from '../main/qr';
import type { Frame, PassReport, ScanResult } from '../main/qr';
import { QrWorker } from '../main/qr/worker-client';
import { QrWorkerPool, workersForCores } from '../main/qr/worker-pool';
import { zxingRead, zxingReady } from '../main/qr/zxing';
import { testdataPath } from '../tests/support/testdata';
import { endToEnd } from './qr-e2e';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: testdataPath('qr') },
    repeat: { type: 'string', default: '3' },
    'no-jsqr': { type: 'boolean', default: false },
    'no-sets': { type: 'boolean', default: false },
    e2e: { type: 'boolean', default: false },
    'desks-only': { type: 'boolean', default: false },
  },
});
const corpora = values.corpus.split(',').map((dir) => resolve(dir));
const repeat = Math.max(1, Number(values.repeat));

interface Truth {
  expect: string[];
  decoyText?: string;
  decoy?: boolean | string;
  kind?: string;
  set?: string;
  display?: number;
}

interface Decoder {
  name: string;
  decode: (frame: Frame) => Promise<{ texts: string[]; passes?: PassReport[] }>;
}

/** ZXing-C++ on the whole RGBA frame, tryHarder: the baseline of every ratio. */
async function zxingWholeFrame(frame: Frame): Promise<string[]> {
  const image = {
    data: new Uint8ClampedArray(frame.data.buffer, frame.data.byteOffset, frame.data.byteLength),
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
}

const decoders: Decoder[] = [
  { name: 'pipeline (main/qr)', decode: (frame) => scanFrame(frame) },
  {
    name: 'zxing-wasm whole frame, tryHarder',
    decode: async (frame) => ({ texts: await zxingWholeFrame(frame) }),
  },
  // What `trayotp scan FILE` and a screenshot import run once the file is decoded (issue 28).
  {
    name: 'pipeline, image-file mode (exhaustive)',
    decode: (frame) => scanFrame(frame, { exhaustive: true }),
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
      return { texts: code ? [code.data] : [] };
    },
  });
}
const [ours, zxing, exhaustive] = decoders as [Decoder, Decoder, Decoder];

type Kind = 'no code' | 'decoy only' | 'key';
interface FrameRun {
  file: string;
  corpus: string;
  kind: Kind;
  pixels: number;
  truth: Truth;
  wall: Map<Decoder, number>;
  cpu: Map<Decoder, number>;
  texts: Map<Decoder, string[]>;
  passes: PassReport[];
}

function kindOf(truth: Truth): Kind {
  if (truth.expect.length > 0) return 'key';
  return truth.decoyText || truth.decoy === true || truth.kind === 'decoy-only'
    ? 'decoy only'
    : 'no code';
}

await zxingReady();
// One row per frame: for each decoder, the key URIs found of those expected and the median time.
console.log(
  `| frame | ${decoders.map((d) => `${d.name}: found/expected, median ms`).join(' | ')} |`,
);
console.log(`| --- |${' --- |'.repeat(decoders.length)}`);
const runs: FrameRun[] = [];
for (const corpus of corpora) {
  const truth: Record<string, Truth> = JSON.parse(readFileSync(join(corpus, 'truth.json'), 'utf8'));
  const wanted = (f: string) =>
    f in truth && (!values['desks-only'] || truth[f]!.set !== undefined);
  for (const file of readdirSync(corpus).filter(wanted)) {
    const frame = await decodeImageFile(readFileSync(join(corpus, file)));
    const run: FrameRun = {
      file,
      corpus,
      kind: kindOf(truth[file]!),
      pixels: frame.width * frame.height,
      truth: truth[file]!,
      wall: new Map(),
      cpu: new Map(),
      texts: new Map(),
      passes: [],
    };
    const wall = new Map<Decoder, number[]>(decoders.map((d) => [d, []]));
    const cpu = new Map<Decoder, number[]>(decoders.map((d) => [d, []]));
    for (let r = 0; r < repeat; r++) {
      // Each repeat starts with another decoder: the first after a new frame (or after another
      // decoder's garbage) pays more, and a fixed order charged that to the pipeline every time.
      const order = decoders.map((_, i) => decoders[(i + r) % decoders.length]!);
      for (const decoder of order) {
        const cpuStart = process.cpuUsage();
        const start = performance.now();
        const result = await decoder.decode(frame);
        wall.get(decoder)!.push(performance.now() - start);
        const used = process.cpuUsage(cpuStart);
        cpu.get(decoder)!.push((used.user + used.system) / 1000);
        run.texts.set(decoder, result.texts);
        if (decoder === ours) run.passes = result.passes ?? [];
      }
    }
    for (const decoder of decoders) {
      run.wall.set(decoder, median(wall.get(decoder)!));
      run.cpu.set(decoder, median(cpu.get(decoder)!));
    }
    runs.push(run);
    const expected = run.truth.expect;
    const cells = decoders.map((d) => {
      const hits = expected.filter((t) => run.texts.get(d)!.includes(t)).length;
      return `${hits}/${expected.length} ${run.wall.get(d)!.toFixed(1).padStart(7)} ms`;
    });
    console.log(`| ${file.padEnd(40)} | ${cells.join(' | ')} |`);
  }
}

const total = runs.reduce((n, r) => n + r.truth.expect.length, 0);
console.log(
  `\ncorpus: ${corpora.join(', ')} (${runs.length} frames, ${total} key URIs, median of ${repeat} runs each)\n`,
);
console.log('| decoder | found/total | median ms | p95 ms | median cpu ms | false key URIs |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const decoder of decoders) {
  let found = 0;
  let falseKeys = 0;
  for (const run of runs) {
    const texts = run.texts.get(decoder)!;
    found += run.truth.expect.filter((t) => texts.includes(t)).length;
    falseKeys += pickOtpauth(texts).filter((t) => !run.truth.expect.includes(t)).length;
  }
  const wall = runs.map((r) => r.wall.get(decoder)!);
  const cpu = runs.map((r) => r.cpu.get(decoder)!);
  console.log(
    `| ${decoder.name} | ${found}/${total} | ${median(wall).toFixed(1)} | ${percentile(wall, 0.95).toFixed(1)} | ${median(cpu).toFixed(1)} | ${falseKeys} |`,
  );
}
const allFound = (run: FrameRun, decoder: Decoder) =>
  run.truth.expect.every((t) => run.texts.get(decoder)!.includes(t));
for (const decoder of [ours, exhaustive]) {
  const lost = runs.filter((r) => allFound(r, zxing) && !allFound(r, decoder)).map((r) => r.file);
  console.log(
    `\nframes ZXing read fully but ${decoder.name} did not: ${lost.length ? lost.join(', ') : 'none'}`,
  );
}

// Issues 19 and 28: the frames by kind, as ratios against ZXing whole-frame on the same frames in
// this run (a screen scan, and the image-file mode in the last two columns).
console.log(
  '\n| frames | n | pipeline median ms | ZXing median ms | ratio of medians | median of per-frame ratios | ratio of sums | cpu ratio of medians | image-file mode median ms | image-file mode ratio of medians |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
const groups: [string, FrameRun[]][] = [
  ['no QR code', runs.filter((r) => r.kind === 'no code')],
  ['a decoy only (no key)', runs.filter((r) => r.kind === 'decoy only')],
  ['a key', runs.filter((r) => r.kind === 'key')],
  ['7680×2160, all', runs.filter((r) => r.pixels >= 7680 * 2160)],
  ['3840×2160, all', runs.filter((r) => r.pixels === 3840 * 2160)],
  ['all screens', runs],
];
const ratio = (a: number[], b: number[]) => `${(median(a) / median(b)).toFixed(2)}×`;
for (const [name, group] of groups) {
  if (group.length === 0) continue;
  const a = group.map((r) => r.wall.get(ours)!);
  const b = group.map((r) => r.wall.get(zxing)!);
  const ac = group.map((r) => r.cpu.get(ours)!);
  const bc = group.map((r) => r.cpu.get(zxing)!);
  const ae = group.map((r) => r.wall.get(exhaustive)!);
  const perFrame = group.map((r) => r.wall.get(ours)! / r.wall.get(zxing)!);
  console.log(
    `| ${name} | ${group.length} | ${median(a).toFixed(1)} | ${median(b).toFixed(1)} | ${ratio(a, b)} | ${median(perFrame).toFixed(2)}× | ${(sum(a) / sum(b)).toFixed(2)}× | ${ratio(ac, bc)} | ${median(ae).toFixed(1)} | ${ratio(ae, b)} |`,
  );
}

// What each pass costs (in the last timed run of each frame) and what it yields.
const passNames = ['coarse', 'fine', 'faint', 'whole-frame'] as const;
console.log('\n| pass | ran on frames | median ms | p95 ms | frames where it read the first key |');
console.log('| --- | --- | --- | --- | --- |');
for (const pass of passNames) {
  const ran = runs.flatMap((r) => r.passes.filter((p) => p.pass === pass));
  const yielded = runs.filter((r) => {
    const first = r.passes.find((p) => p.found > 0);
    return r.kind === 'key' && first?.pass === pass;
  }).length;
  if (ran.length === 0) continue;
  const ms = ran.map((p) => p.ms);
  console.log(
    `| ${pass} | ${ran.length}/${runs.length} | ${median(ms).toFixed(1)} | ${percentile(ms, 0.95).toFixed(1)} | ${yielded} |`,
  );
}

if (!values['no-sets']) await desks(runs);
if (values.e2e) await endToEnd(repeat, zxingWholeFrame);

/**
 * Three-display desks: ZXing reads each display in turn (what a whole-frame decoder does), the
 * pipeline gets all three at once in a pool of workersForCores() workers.
 */
async function desks(all: FrameRun[]): Promise<void> {
  const sets = new Map<string, FrameRun[]>();
  for (const run of all) {
    if (run.truth.set === undefined) continue;
    const key = `${run.corpus}/${run.truth.set}`;
    sets.set(key, [...(sets.get(key) ?? []), run]);
  }
  if (sets.size === 0) return;
  const size = workersForCores();
  const pool = new QrWorkerPool(
    size,
    () =>
      new QrWorker(new URL('../main/qr/worker.ts', import.meta.url), {
        execArgv: ['--import', import.meta.resolve('tsx')],
      }),
  );
  console.log(
    `\nthree-display desks: the pipeline in a pool of ${size} workers (all displays at once) against ZXing whole-frame on each display in turn, median of ${repeat} runs\n`,
  );
  console.log(
    '| desk | keys found | ZXing, displays in turn ms | pipeline in-process, displays in turn ms | pipeline pool, all displays ms | pipeline pool, first key ms | ratio pool / ZXing | ratio in turn / ZXing |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  const ratios: number[] = [];
  const inTurnRatios: number[] = [];
  try {
    // Warm the workers (each decodes two made-up screens at start).
    await pool.scanAll(Array.from({ length: size }, () => blankFrame()));
    for (const [name, displays] of sets) {
      displays.sort((a, b) => (a.truth.display ?? 0) - (b.truth.display ?? 0));
      const frames = await Promise.all(
        displays.map(async (d) => decodeImageFile(readFileSync(join(d.corpus, d.file)))),
      );
      const expected = displays.flatMap((d) => d.truth.expect);
      // One untimed pass so the workers' JIT is as warm as the in-process decoders' above.
      await pool.scanAll(frames.map((f) => ({ ...f, data: new Uint8Array(f.data) })));
      const zxingMs: number[] = [];
      const inTurnMs: number[] = [];
      const poolMs: number[] = [];
      const firstMs: number[] = [];
      let found: string[] = [];
      for (let r = 0; r < repeat; r++) {
        let start = performance.now();
        for (const frame of frames) await zxingWholeFrame(frame);
        zxingMs.push(performance.now() - start);
        start = performance.now();
        for (const frame of frames) await scanFrame(frame);
        inTurnMs.push(performance.now() - start);
        // Copies made before the clock starts, into plain buffers it can transfer (a Buffer's
        // slice() is a view, and the pool would detach the original).
        const copies = frames.map((f) => ({ ...f, data: new Uint8Array(f.data) }));
        let first: number | undefined;
        start = performance.now();
        const results: ScanResult[] = await pool.scanAll(copies, {}, (result) => {
          if (first === undefined && result.otpauth.length > 0) first = performance.now() - start;
        });
        poolMs.push(performance.now() - start);
        if (first !== undefined) firstMs.push(first);
        found = results.flatMap((x) => x.otpauth);
      }
      const hits = expected.filter((t) => found.includes(t)).length;
      ratios.push(median(poolMs) / median(zxingMs));
      inTurnRatios.push(median(inTurnMs) / median(zxingMs));
      console.log(
        `| ${name.split('/').pop()} | ${hits}/${expected.length} | ${median(zxingMs).toFixed(1)} | ${median(inTurnMs).toFixed(1)} | ${median(poolMs).toFixed(1)} | ${firstMs.length ? median(firstMs).toFixed(1) : '–'} | ${(median(poolMs) / median(zxingMs)).toFixed(2)}× | ${(median(inTurnMs) / median(zxingMs)).toFixed(2)}× |`,
      );
    }
    console.log(
      `\ndesks: median ratio ${median(ratios).toFixed(2)}× (pipeline pool / ZXing in turn), ${median(inTurnRatios).toFixed(2)}× (pipeline in-process in turn / ZXing in turn)`,
    );
  } finally {
    await pool.close();
  }
}

function blankFrame(): Frame {
  const width = 1920;
  const height = 1080;
  return {
    data: new Uint8Array(width * height * 4).fill(250),
    width,
    height,
    stride: width * 4,
    format: 'rgba',
  };
}

function median(values: number[]): number {
  return percentile(values, 0.5);
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}
