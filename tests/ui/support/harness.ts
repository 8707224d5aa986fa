// Runs the BUILT renderer (out/renderer, from `electron-vite build`) in Debian's Chromium through
// playwright-core, served over a localhost HTTP server with the app's CSP header, with
// window.trayotp bridged to a Node-side implementation (support/bridge.ts).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CONTENT_SECURITY_POLICY, MIME } from '../../../main/platform/app-protocol';
import { connectBridge } from './bridge';
import type { Bridge, BridgeTarget } from './bridge';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * A private copy of the built renderer, so a build running elsewhere (other suites rebuild
 * out/ in `npm test`) cannot swap files under a running test. Builds it first if missing.
 */
export function snapshotRenderer(): { root: string; remove: () => void } {
  // TRAYOTP_UI_OUT: a build of one's own (`electron-vite build --outDir DIR`), for trying a
  // renderer change without rewriting the shared out/.
  const built = join(process.env.TRAYOTP_UI_OUT ?? join(repoRoot, 'out'), 'renderer');
  if (!existsSync(join(built, 'index.html'))) {
    execFileSync('npx', ['electron-vite', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  }
  const root = mkdtempSync(join(tmpdir(), 'trayotp-ui-'));
  cpSync(built, root, { recursive: true });
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

export async function serve(root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root.endsWith(sep) ? root : root + sep) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CONTENT_SECURITY_POLICY,
    });
    response.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no server address');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export interface OpenOptions {
  colorScheme?: 'light' | 'dark';
  hash?: string;
  viewport?: { width: number; height: number };
}

export interface OpenWindow {
  context: BrowserContext;
  page: Page;
  bridge: Bridge;
  /** Uncaught page errors and console errors: a test fails if any appear. */
  errors: string[];
  close: () => Promise<void>;
}

/** Opens the tray window (or #/region) with window.trayotp bridged to `target`. */
export async function openWindow(
  browser: Browser,
  baseUrl: string,
  target: BridgeTarget,
  options: OpenOptions = {},
): Promise<OpenWindow> {
  const context = await browser.newContext({
    colorScheme: options.colorScheme ?? 'light',
    viewport: options.viewport ?? { width: 400, height: 640 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  const bridge = await connectBridge(page, target);
  await page.goto(baseUrl + (options.hash ?? ''));
  return {
    context,
    page,
    bridge,
    errors,
    close: async () => {
      bridge.dispose();
      await context.close();
    },
  };
}

const axeSource = readFileSync(join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** axe-core's WCAG 2.x A/AA rules (and best practices) on the page as it is now. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // evaluate() is not subject to the page's CSP, unlike an injected <script>.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: unknown,
            opts: unknown,
          ) => Promise<{
            violations: {
              id: string;
              impact: string | null;
              help: string;
              nodes: { target: unknown[] }[];
            }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
}
