// `npx tsx bench/qr-render-screens.ts [--out DIR] [--seed S] [--count N] [--sets N]
// [--format png|jpeg] [--size WxH]`: the screens
// issue 19 is about, rendered in Debian's Chromium (tests/support/enrolment-screens.ts):
//   - large displays (3840×2160 at 1.5 and 2, 7680×2160 three-monitor frames) and 1080p ones,
//     about half of them without any QR code (an inbox page of text: what most displays of a
//     multi-display desk show when Scan is pressed), a few with only a decoy code;
//   - `--sets` three-display desks: three separate 3840×2160 (or 2560×1440) frames, the key on
//     one display or on none, named `<set>_d<N>.png` with `set`/`display` in truth.json.
// truth.json has the shape bench/qr.ts reads ({file: {expect: [key URIs], …}}). Default output
// test-results/qr-screens-<seed> (git-ignored); `--seed` picks new screens nobody tuned on.
// `--format jpeg` saves every screen as JPEG (quality 82: compression noise, issue 28), and
// `--size 7680x2160` renders only that size (the very wide three-monitor frames).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  decoyText,
  expectedKeys,
  hasChromium,
  launchChromium,
  renderScreen,
  screenSpec,
  CHROMIUM,
} from '../tests/support/enrolment-screens';
import type { ScreenSpec, Theme } from '../tests/support/enrolment-screens';
import { seededRandom } from '../tests/support/random';

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    seed: { type: 'string', default: '19' },
    count: { type: 'string', default: '24' },
    sets: { type: 'string', default: '4' },
    format: { type: 'string' },
    size: { type: 'string' },
  },
});
if (!hasChromium) {
  console.error(`qr-render-screens: ${CHROMIUM} is missing (apt-get install chromium)`);
  process.exit(2);
}
const seed = Number(values.seed);
const out = resolve(values.out ?? `test-results/qr-screens-${seed}`);
mkdirSync(out, { recursive: true });
const random = seededRandom(seed);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const allSizes = [
  { width: 3840, height: 2160, scale: 1.5, monitors: 1 },
  { width: 3840, height: 2160, scale: 2, monitors: 1 },
  { width: 7680, height: 2160, scale: 1.25, monitors: 3 },
  { width: 7680, height: 2160, scale: 2, monitors: 3 },
  { width: 1920, height: 1080, scale: 1, monitors: 1 },
  { width: 2560, height: 1440, scale: 1.5, monitors: 1 },
] as const;
const sizes = values.size
  ? allSizes.filter((s) => `${s.width}x${s.height}` === values.size)
  : allSizes;
if (sizes.length === 0) {
  console.error(
    `qr-render-screens: --size is one of ${allSizes.map((s) => `${s.width}x${s.height}`).join(', ')}`,
  );
  process.exit(2);
}
const format = values.format as 'png' | 'jpeg' | undefined;
if (format !== undefined && format !== 'png' && format !== 'jpeg') {
  console.error('qr-render-screens: --format is png or jpeg');
  process.exit(2);
}

/** One screen: a key (sometimes with a decoy), only a decoy, or no code at all. */
function randomSpec(
  size: { width: number; height: number; scale: number; monitors: number },
  content: 'key' | 'decoy-only' | 'nothing',
  index: number,
): ScreenSpec {
  const theme = pick<Theme>(['light', 'light', 'dark', 'dark-inverted']);
  const kind = content === 'key' ? pick(['totp', 'totp', 'hotp', 'migration'] as const) : 'none';
  const decoy =
    content === 'nothing'
      ? 'none'
      : content === 'decoy-only'
        ? pick(['store', 'wifi'] as const)
        : pick(['none', 'none', 'store', 'wifi'] as const);
  return screenSpec(
    {
      ...size,
      theme,
      kind,
      decoy,
      cssSize: pick([100, 120, 144, 160, 180, 200, 240, 280]),
      svg: random() < 0.3,
      // Picked even when --format overrides it, so the other choices stay those of the seed.
      format: [pick(['png', 'png', 'jpeg'] as const)].map((picked) => format ?? picked)[0]!,
    },
    seed * 1000 + index,
  );
}

interface Entry {
  spec: ScreenSpec;
  file: string;
  set?: string;
  display?: number;
}
const entries: Entry[] = [];
const count = Number(values.count);
for (let i = 0; i < count; i++) {
  const size = sizes[i % sizes.length]!;
  // Half of the screens hold no code, one in eight only a decoy.
  const content = i % 2 === 1 ? 'nothing' : i % 8 === 4 ? 'decoy-only' : 'key';
  const spec = randomSpec(size, content, i);
  entries.push({ spec, file: `q${String(i).padStart(3, '0')}_${spec.file}` });
}
for (let s = 0; s < Number(values.sets); s++) {
  const size = pick([
    { width: 3840, height: 2160, scale: 2, monitors: 1 },
    { width: 3840, height: 2160, scale: 1.5, monitors: 1 },
    { width: 2560, height: 1440, scale: 1, monitors: 1 },
  ]);
  // The key on one of the three displays, or (one set in four) on none of them.
  const keyOn = s % 4 === 3 ? -1 : Math.floor(random() * 3);
  for (let d = 0; d < 3; d++) {
    const spec = randomSpec(size, d === keyOn ? 'key' : 'nothing', 500 + s * 3 + d);
    const set = `desk${s}`;
    entries.push({ spec, file: `${set}_d${d}_${spec.file}`, set, display: d });
  }
}

const browser = await launchChromium();
const truth: Record<string, object> = {};
try {
  for (const { spec, file, set, display } of entries) {
    writeFileSync(join(out, file), await renderScreen(browser, spec));
    truth[file] = {
      expect: expectedKeys(spec),
      decoyText: decoyText(spec),
      // The spec without its generated name and the key (already in `expect`).
      ...{ ...spec, file: undefined, key: undefined },
      ...(set === undefined ? {} : { set, display }),
    };
    console.log(file);
  }
} finally {
  await browser.close();
}
writeFileSync(join(out, 'truth.json'), `${JSON.stringify(truth, null, 1)}\n`);
console.log(`${entries.length} screens and truth.json in ${out} (seed ${seed})`);
