// The README's screenshots, taken by the UI tests and kept in step with the views they show.
// Each shot has a fingerprint: the page's accessibility tree (what a person reads and can press)
// with every digit masked, since codes, countdowns and times change on each run, plus the size
// it was taken at. docs/screenshots/fingerprints.json keeps the fingerprint of every committed
// picture. On every run the test compares: a view whose words, controls or size changed while its
// picture did not fails with the command that retakes it. TRAYOTP_SCREENSHOTS=1 retakes the
// pictures and records their fingerprints.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { repoRoot } from './harness';

export const SHOTS_FOLDER = join(repoRoot, 'docs/screenshots');
const FINGERPRINTS = join(SHOTS_FOLDER, 'fingerprints.json');
const TREES = join(repoRoot, 'test-results/readme-shots');
export const RETAKE = process.env.TRAYOTP_SCREENSHOTS === '1';

type Fingerprints = Record<string, { size: string; tree: string }>;

function readFingerprints(): Fingerprints {
  return existsSync(FINGERPRINTS)
    ? (JSON.parse(readFileSync(FINGERPRINTS, 'utf8')) as Fingerprints)
    : {};
}

/**
 * What a person can read as headings and press or fill: the roles and names of the view's
 * landmarks and controls, in order, with digits masked and states left out. Codes, countdowns,
 * list rows and live announcements change from run to run (a Steam code has letters, "Next code"
 * shows in the last seconds); what they sit in does not.
 */
export function viewOutline(ariaSnapshot: string): string {
  const kept: string[] = [];
  for (const line of ariaSnapshot.split('\n')) {
    const match = /^(\s*)- (\w+)(?: "((?:[^"\\]|\\.)*)")?/.exec(line);
    if (!match || !OUTLINE_ROLES.has(match[2]!)) continue;
    const [, indent, role, name] = match;
    kept.push(`${indent}${role}${name ? ` "${name.replace(/\d/g, '0')}"` : ''}`);
  }
  return kept.join('\n');
}

const OUTLINE_ROLES = new Set([
  'banner',
  'button',
  'checkbox',
  'combobox',
  'dialog',
  'form',
  'group',
  'heading',
  'link',
  'listbox',
  'main',
  'navigation',
  'radio',
  'region',
  'searchbox',
  'slider',
  'spinbutton',
  'switch',
  'tab',
  'tablist',
  'textbox',
  'toolbar',
]);

/** What the picture shows, in words (viewOutline), hashed, and the size it was taken at. */
export async function fingerprint(page: Page, name: string, fullPage: boolean, element?: Locator) {
  const tree = viewOutline(await (element ?? page.locator('body')).ariaSnapshot());
  // Kept for the person comparing two runs when a fingerprint differs.
  mkdirSync(TREES, { recursive: true });
  writeFileSync(join(TREES, `${name}.txt`), tree);
  const viewport = page.viewportSize();
  const height = fullPage
    ? await page.evaluate(() => document.documentElement.scrollHeight)
    : viewport?.height;
  return {
    size: `${viewport?.width}x${height}${fullPage ? ' full page' : element ? ' one part' : ''}`,
    tree: createHash('sha256').update(tree).digest('hex').slice(0, 16),
  };
}

/**
 * Takes docs/screenshots/NAME.png when retaking; otherwise checks that the committed picture
 * was taken of the view as it is now. `testFile` names the file to run to retake it.
 */
export async function readmeShot(
  page: Page,
  name: string,
  testFile: string,
  options: { fullPage?: boolean; element?: Locator } = {},
): Promise<void> {
  const fullPage = options.fullPage ?? false;
  let now = await fingerprint(page, name, fullPage, options.element);
  if (RETAKE) {
    const path = join(SHOTS_FOLDER, `${name}.png`);
    if (options.element) await options.element.screenshot({ path });
    else await page.screenshot({ path, fullPage });
    const all = readFingerprints();
    all[name] = now;
    const sorted = Object.fromEntries(Object.entries(all).sort(([a], [b]) => a.localeCompare(b)));
    writeFileSync(FINGERPRINTS, `${JSON.stringify(sorted, null, 2)}\n`);
    return;
  }
  const recorded = readFingerprints()[name];
  const picture = join(SHOTS_FOLDER, `${name}.png`);
  // A view may still be settling (a row's toolbar appears a frame after the list): look again
  // for a few seconds before calling the picture stale.
  const same = () => recorded?.size === now.size && recorded.tree === now.tree;
  for (let waited = 0; recorded && !same() && waited < 5_000; waited += 250) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    now = await fingerprint(page, name, fullPage, options.element);
  }
  if (
    !existsSync(picture) ||
    !recorded ||
    recorded.size !== now.size ||
    recorded.tree !== now.tree
  ) {
    throw new Error(
      `docs/screenshots/${name}.png does not show this view as it is now (${recorded ? `was ${recorded.size} ${recorded.tree}, now ${now.size} ${now.tree}` : 'no fingerprint recorded'}): retake it with TRAYOTP_SCREENSHOTS=1 npx vitest run --project ui ${testFile} and commit docs/screenshots/. The view now: ${readFileSync(join(TREES, `${name}.txt`), 'utf8').replace(/\s*\n\s*/g, ' | ')}`,
    );
  }
}
