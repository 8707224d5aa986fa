// `npx tsx bench/render-qr-corpus.ts [--out DIR] [--count N] [--seed S]`: renders enrolment-like
// screens in Debian's Chromium (see tests/support/enrolment-screens.ts for what varies) into
// DIR (default test-results/qr-corpus, git-ignored) with a truth.json in the shared corpus's
// shape, for `npm run bench:qr -- --corpus DIR`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  decoyText,
  expectedKeys,
  hasChromium,
  launchChromium,
  renderScreen,
  screenSpecs,
  CHROMIUM,
} from '../tests/support/enrolment-screens';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'test-results/qr-corpus' },
    count: { type: 'string', default: '48' },
    seed: { type: 'string', default: '7' },
  },
});
if (!hasChromium) {
  console.error(`render-qr-corpus: ${CHROMIUM} is missing (apt-get install chromium)`);
  process.exit(2);
}
const out = resolve(values.out);
mkdirSync(out, { recursive: true });
const specs = screenSpecs(Number(values.count), Number(values.seed));
const browser = await launchChromium();
const truth: Record<string, object> = {};
try {
  for (const spec of specs) {
    writeFileSync(join(out, spec.file), await renderScreen(browser, spec));
    // The key is already in `expect` (or absent on a screen without a code).
    const { file, ...rest } = spec;
    truth[file] = {
      expect: expectedKeys(spec),
      decoyText: decoyText(spec),
      ...rest,
      key: undefined,
    };
    console.log(file);
  }
} finally {
  await browser.close();
}
writeFileSync(join(out, 'truth.json'), `${JSON.stringify(truth, null, 1)}\n`);
console.log(`${specs.length} screens and truth.json in ${out}`);
