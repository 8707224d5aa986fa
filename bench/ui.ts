// `npm run bench:ui`: the tray window with 1,000 accounts in Debian's Chromium (the built
// renderer, window.trayotp bridged to the UI tests' API double). Measured from Chromium's own
// performance counters (CDP Performance.getMetrics: ScriptDuration, LayoutDuration,
// RecalcStyleDuration, JSHeapUsedSize) and a trace of the countdown period:
// - first render: navigation start → the first account row in the DOM (wall clock, and the
//   main-thread scripting in that time);
// - countdown: main-thread scripting (and style + layout) ms per second while codes count down;
// - filter: scripting + style + layout ms per keystroke typed into search, waited until the list
//   shows the right number of matches;
// - JS heap after a forced garbage collection.
// Each is measured for the list as shipped (windowed) and with every row rendered (the
// comparison windowing is for), and for 10 accounts as the baseline a small vault costs.
// BENCH_SECONDS sets the countdown period (15); BENCH_DEBUG=1 prints each keystroke.
import { randomBytes } from 'node:crypto';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { encodeBase32 } from '../main/otp';
import { fuzzyFilter } from '../renderer/src/lib/fuzzy';
import { RealApp } from '../tests/ui/support/real-app';
import { connectBridge } from '../tests/ui/support/bridge';
import { launchChromium, repoRoot, serve, snapshotRenderer } from '../tests/ui/support/harness';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const QUERY = 'git lab';
const FILTER_ROUNDS = 3;
const ISSUERS = [
  'GitHub',
  'GitLab',
  'Google',
  'Cloudflare',
  'Proton',
  'Discord',
  'Dropbox',
  'Steam',
  'Acme Corp',
  'Example Bank',
  'Hetzner',
  'npm',
  'PayPal',
  'Reddit',
  'Stripe',
  'Vercel',
];

function accounts(count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const issuer = ISSUERS[i % ISSUERS.length]!;
    const secret = encodeBase32(randomBytes(20));
    const name = `user${i}@example.com`;
    return `otpauth://totp/${encodeURIComponent(issuer)}:${name}?secret=${secret}&issuer=${encodeURIComponent(issuer)}`;
  });
}

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

/** Main-thread work in ms between two samples: scripting, and style + layout. */
function work(before: Record<string, number>, after: Record<string, number>) {
  const d = (key: string) => ((after[key] ?? 0) - (before[key] ?? 0)) * 1000;
  return {
    script: d('ScriptDuration'),
    styleLayout: d('RecalcStyleDuration') + d('LayoutDuration'),
  };
}

interface Result {
  variant: string;
  accounts: number;
  rowsInDom: number;
  firstRenderMs: number;
  /** Main-thread scripting from navigation to the first row: bundle, React, state and codes. */
  firstRenderScriptMs: number;
  countdownScriptMsPerS: number;
  countdownStyleLayoutMsPerS: number;
  traceMainThreadMsPerS: number;
  filterScriptMsPerKey: number;
  filterStyleLayoutMsPerKey: number;
  filterMedianMsPerKey: number;
  filterMaxMsPerKey: number;
  heapMB: number;
}

/** Sum of top-level task durations on the renderer main threads of a trace (RunTask events). */
function traceBusyMs(trace: Buffer): number {
  const events = (
    JSON.parse(trace.toString('utf8')) as {
      traceEvents: {
        name: string;
        ph: string;
        dur?: number;
        pid: number;
        tid: number;
        args?: { name?: string };
      }[];
    }
  ).traceEvents;
  const mainThreads = new Set(
    events
      .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  return events
    .filter(
      (e) =>
        (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') &&
        e.ph === 'X' &&
        mainThreads.has(`${e.pid}:${e.tid}`),
    )
    .reduce((sum, e) => sum + (e.dur ?? 0) / 1000, 0);
}

async function measure(
  browser: Browser,
  url: string,
  count: number,
  unwindowed: boolean,
): Promise<Result> {
  const uris = accounts(count);
  const double = await RealApp.start({ accounts: uris });
  const table = double.table();
  const target = {
    invoke: (n: string, a: unknown[]) => table.invoke(n, a),
    on: double.on.bind(double),
  };
  const context = await browser.newContext({ viewport: { width: 400, height: 640 } });
  const page: Page = await context.newPage();
  page.setDefaultTimeout(60_000);
  await page.addInitScript((flag) => {
    (window as unknown as { __TRAYOTP_BENCH_UNWINDOWED__: boolean }).__TRAYOTP_BENCH_UNWINDOWED__ =
      flag;
    new MutationObserver((_m, observer) => {
      if (document.querySelector('[role="option"]')) {
        (window as unknown as { __firstRow: number }).__firstRow = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  }, unwindowed);
  const bridge = await connectBridge(page, target);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url);
  await page.waitForFunction(
    () => (window as unknown as { __firstRow?: number }).__firstRow !== undefined,
  );
  const firstRenderMs = await page.evaluate(
    () => (window as unknown as { __firstRow: number }).__firstRow,
  );
  const firstRenderScriptMs = ((await metrics(cdp)).ScriptDuration ?? 0) * 1000;
  const rowsInDom = await page.locator('[role="option"]').count();
  // Let the first codes arrive and settle.
  await page.waitForFunction(() => !document.querySelector('.code.placeholder'));
  await page.waitForTimeout(1000);

  // Countdown: the window open and idle, codes ticking.
  await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline'] });
  const t0 = await metrics(cdp);
  const wall0 = Date.now();
  await page.waitForTimeout(SECONDS * 1000);
  const t1 = await metrics(cdp);
  const elapsed = (Date.now() - wall0) / 1000;
  const trace = await browser.stopTracing();
  const countdown = work(t0, t1);

  // Filtering: one keystroke at a time, each waited until the list shows the right matches;
  // FILTER_ROUNDS times (the search cleared between), so the median is not one noisy sample.
  const views = double.state().accounts;
  const perKey: { script: number; styleLayout: number }[] = [];
  const shown = async (n: number) => {
    await page.waitForFunction(
      (count) =>
        document.querySelector('[role="listbox"]')?.getAttribute('aria-label') ===
          `Accounts, ${count} shown` ||
        (count === 0 && document.querySelector('[role="listbox"]')?.hasAttribute('hidden')),
      n,
    );
    await page.evaluate(
      () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
    );
  };
  for (let round = 0; round < FILTER_ROUNDS; round++) {
    for (let i = 1; i <= QUERY.length; i++) {
      const query = QUERY.slice(0, i);
      const before = await metrics(cdp);
      await page.keyboard.type(QUERY[i - 1]!);
      await shown(fuzzyFilter(views, query).length);
      perKey.push(work(before, await metrics(cdp)));
      if (process.env.BENCH_DEBUG) console.error(round, query, perKey.at(-1));
    }
    await page.keyboard.press('Escape');
    await shown(count);
  }

  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await metrics(cdp)).JSHeapUsedSize ?? 0;

  bridge.dispose();
  await context.close();
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? 0;
  return {
    variant: unwindowed ? 'every row rendered' : 'windowed (as shipped)',
    accounts: count,
    rowsInDom,
    firstRenderMs,
    firstRenderScriptMs,
    countdownScriptMsPerS: countdown.script / elapsed,
    countdownStyleLayoutMsPerS: countdown.styleLayout / elapsed,
    traceMainThreadMsPerS: traceBusyMs(trace) / elapsed,
    filterScriptMsPerKey: mean(perKey.map((k) => k.script)),
    filterStyleLayoutMsPerKey: mean(perKey.map((k) => k.styleLayout)),
    filterMedianMsPerKey: median(perKey.map((k) => k.script + k.styleLayout)),
    filterMaxMsPerKey: Math.max(...perKey.map((k) => k.script + k.styleLayout)),
    heapMB: heap / 1024 / 1024,
  };
}

async function main() {
  const snapshot = snapshotRenderer();
  const server = await serve(snapshot.root);
  const browser = await launchChromium();
  const results: Result[] = [];
  try {
    for (const [count, unwindowed] of [
      [10, false],
      [1000, false],
      [1000, true],
    ] as const) {
      process.stderr.write(
        `measuring ${count} accounts, ${unwindowed ? 'every row rendered' : 'windowed'}…\n`,
      );
      results.push(await measure(browser, server.url, count, unwindowed));
    }
  } finally {
    await browser.close();
    await server.close();
    snapshot.remove();
  }
  const f = (n: number, digits = 1) => n.toFixed(digits);
  console.log(
    `Tray window, Chromium ${browser.version()}, countdown over ${SECONDS} s, filter "${QUERY}" typed one key at a time, ${FILTER_ROUNDS} times`,
  );
  console.log('');
  console.log(
    '| list | accounts | rows in DOM | first row ms | script until first row ms | countdown script ms/s | countdown style+layout ms/s | main thread busy ms/s (trace) | filter script ms/key | filter style+layout ms/key | median key ms | worst key ms | JS heap MB |',
  );
  console.log(
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const r of results) {
    console.log(
      `| ${r.variant} | ${r.accounts} | ${r.rowsInDom} | ${f(r.firstRenderMs, 0)} | ${f(r.firstRenderScriptMs, 0)} | ${f(r.countdownScriptMsPerS, 2)} | ${f(r.countdownStyleLayoutMsPerS, 2)} | ${f(r.traceMainThreadMsPerS, 2)} | ${f(r.filterScriptMsPerKey)} | ${f(r.filterStyleLayoutMsPerKey)} | ${f(r.filterMedianMsPerKey)} | ${f(r.filterMaxMsPerKey)} | ${f(r.heapMB)} |`,
    );
  }
  const windowed = results[1]!;
  const full = results[2]!;
  console.log('');
  console.log(
    `Windowing with 1,000 accounts: ${f(full.filterScriptMsPerKey + full.filterStyleLayoutMsPerKey / 1)} → ${f(windowed.filterScriptMsPerKey + windowed.filterStyleLayoutMsPerKey)} ms per keystroke, ` +
      `${f(full.countdownScriptMsPerS + full.countdownStyleLayoutMsPerS, 2)} → ${f(windowed.countdownScriptMsPerS + windowed.countdownStyleLayoutMsPerS, 2)} ms of work per second of countdown, ` +
      `${f(full.heapMB)} → ${f(windowed.heapMB)} MB heap; a frame is 16.7 ms.`,
  );
  const out = join(repoRoot, 'test-results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'bench-ui.json'), JSON.stringify(results, null, 2));
}

await main();
