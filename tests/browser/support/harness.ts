/// <reference types="chrome" />
// The browser suite's world: Debian's Chromium, headed under Xvfb (extensions do not load in
// the old headless mode), with the built extension loaded unpacked and the host manifest in
// the test profile's NativeMessagingHosts/; the host is the real relay (node host.cjs) and the
// app side is the real BrowserBridge over a real vault (cheap KDF) in a temp folder. The sites
// are served over HTTPS from a throwaway CA that only this profile's HOME trusts (site-ca.ts).
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { chromium } from 'playwright-core';
import { BrowserBridge } from '../../../main/browser/bridge';
import type { PairingRequest } from '../../../main/browser/bridge';
import { launcherScript } from '../../../main/browser/host/launchers';
import { hostManifest, HOST_NAME } from '../../../main/browser/manifests';
import { filePairingStore } from '../../../main/browser/pairings';
import { parseOtpUri } from '../../../main/otp/uri';
import { entryDomains, Vault } from '../../../main/vault';
import { startXvfb, x11Env } from '../../support/xvfb';
import type { XServer } from '../../support/xvfb';
import { trustInProfile } from './site-ca';
import { HOSTS, startSites } from './sites';

export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');
/** The built extension; TRAYOTP_TEST_EXTENSION_DIR loads another build (an older one, to see a
 * new test fail before its fix). */
export const EXTENSION_DIR =
  process.env.TRAYOTP_TEST_EXTENSION_DIR ?? join(ROOT, 'extension', 'dist', 'chromium');
/** The built host; TRAYOTP_TEST_HOST_SCRIPT runs the suite against another build of it. */
export const HOST_SCRIPT =
  process.env.TRAYOTP_TEST_HOST_SCRIPT ?? join(ROOT, 'extension', 'dist', 'host', 'host.cjs');
export const CHROMIUM = '/usr/bin/chromium';
export const PASSPHRASE = 'correct horse battery';

const CHEAP_KDF = {
  kdf: { name: 'argon2id', memoryKiB: 8, iterations: 1, parallelism: 1 },
  allowWeakKdf: true,
} as const;

/** Builds the extension and the host once per test file (esbuild: about a second). */
export function buildExtension(): void {
  execFileSync(process.execPath, [join(ROOT, 'extension', 'build.mjs')], { stdio: 'inherit' });
}

export interface Harness {
  dir: string;
  socketPath: string;
  context: BrowserContext;
  worker: Worker;
  bridge: BrowserBridge;
  vault: Vault;
  sites: Awaited<ReturnType<typeof startSites>>;
  /** The person's answer to "Connect <browser>?" (default: yes). */
  approve: (request: PairingRequest) => Promise<boolean>;
  prompts: PairingRequest[];
  opened: string[];
  /** Account ids whose code the bridge read (to prove a refused page got none). */
  codeReads: string[];
  /** Runs before a code is read (tests hold it to kill the host mid-request). */
  beforeCode: () => Promise<void>;
  page(url: string): Promise<Page>;
  /** The Xvfb display Chromium runs on (the bench types into it with XTest). */
  display: string;
  /** The extension's title for a tab: where it says why it did not fill. */
  actionTitle(page: Page): Promise<string>;
  /**
   * Kills the browser (SIGKILL, as a crash or a power cut would) and starts it again on the same
   * profile, the way a person's next day begins: no page is opened and nothing is clicked.
   * `context` and `worker` are the new browser's afterwards.
   */
  restartBrowser(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** The bridge's per-connection rate limit (the bench fills faster than a person clicks). */
  rate?: { burst: number; perSecond: number };
  /**
   * The app's own bridge instead of the harness's (the app as assembleApp builds it, listening
   * at `place`): started by the caller; prompts, approve and codeReads then play no part.
   */
  appBridge?: (place: { dir: string; path: string }) => Promise<BrowserBridge>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), 'trayotp-browser-'));
  const socketPath = join(dir, 'run', 'browser.sock');
  const profile = join(dir, 'profile');
  await mkdir(join(profile, 'NativeMessagingHosts'), { recursive: true });
  const launcher = join(dir, 'trayotp-browser-host');
  await writeFile(
    launcher,
    launcherScript('linux', {
      executable: process.execPath,
      args: [HOST_SCRIPT],
      env: { TRAYOTP_BROWSER_SOCKET: socketPath },
    }),
  );
  await chmod(launcher, 0o755);
  await writeFile(
    join(profile, 'NativeMessagingHosts', `${HOST_NAME}.json`),
    JSON.stringify(hostManifest('chromium', launcher)),
  );

  const vault = await Vault.create(join(dir, 'vault.trayotp'), {
    clock: { now: () => Date.now() },
    passphrase: PASSPHRASE,
    ...CHEAP_KDF,
  });
  const sites = await startSites();
  let xvfb: XServer | undefined;
  let context: BrowserContext | undefined;
  const harness: Partial<Harness> & Pick<Harness, 'prompts' | 'opened' | 'codeReads'> = {
    dir,
    socketPath,
    vault,
    sites,
    prompts: [],
    opened: [],
    codeReads: [],
    approve: async () => true,
    beforeCode: async () => undefined,
  };
  const bridge = options.appBridge
    ? await options.appBridge({ dir: join(dir, 'run'), path: socketPath })
    : new BrowserBridge({
        place: { dir: join(dir, 'run'), path: socketPath },
        ...(options.rate ? { rate: options.rate } : {}),
        store: filePairingStore(join(dir, 'browser-pairings.json')),
        accounts: () =>
          vault.isUnlocked
            ? vault.entries.map((e) => ({
                id: e.id,
                issuer: e.issuer,
                name: e.name,
                domains: entryDomains(e),
              }))
            : null,
        code: async (id) => {
          await harness.beforeCode!();
          harness.codeReads.push(id);
          return vault.code(id);
        },
        confirmPairing: (request) => {
          harness.prompts.push(request);
          return harness.approve!(request);
        },
        openToBind: (domain) => {
          harness.opened.push(domain);
        },
        addFromQr: async (uri, domain) => {
          const { account } = parseOtpUri(uri);
          const entry = await vault.add(account, { domains: [domain] });
          return { id: entry.id, label: `${entry.issuer} (${entry.name})` };
        },
      });
  if (!options.appBridge) await bridge.start();
  harness.bridge = bridge;

  const home = join(dir, 'home');
  await mkdir(home, { recursive: true });
  const trustArgs = trustInProfile(home, sites.ca);
  const launch = async (display: string) => {
    const launched = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: false,
      // Chromium reads the CA from $HOME/.pki/nssdb: only this profile trusts it.
      env: { ...x11Env(display), HOME: home },
      viewport: { width: 1100, height: 760 },
      ignoreDefaultArgs: [
        '--disable-extensions',
        '--disable-component-extensions-with-background-pages',
      ],
      args: [
        `--disable-extensions-except=${EXTENSION_DIR}`,
        `--load-extension=${EXTENSION_DIR}`,
        `--host-resolver-rules=${HOSTS.map((h) => `MAP ${h} 127.0.0.1`).join(', ')}`,
        ...trustArgs,
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--hide-crash-restore-bubble',
      ],
    });
    const worker =
      launched.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
      (await launched.waitForEvent('serviceworker', { timeout: 30_000 }));
    return { launched, worker };
  };
  try {
    xvfb = await startXvfb('1280x900x24');
    const { launched, worker } = await launch(xvfb.display);
    context = launched;
    harness.context = context;
    harness.worker = worker;
    harness.display = xvfb.display;
  } catch (error) {
    await context?.close().catch(() => undefined);
    xvfb?.stop();
    await bridge.stop();
    await sites.close();
    throw error;
  }
  harness.restartBrowser = async () => {
    // The browser's main process is the one started with this profile (ours alone).
    const pids = execFileSync('pgrep', ['-f', '-x', `.*--user-data-dir=${profile}( .*|$)`], {
      encoding: 'utf8',
    })
      .split('\n')
      .map(Number)
      .filter((pid) => pid > 0);
    const closed = new Promise((resolve) => context!.once('close', resolve));
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await closed;
    const { launched, worker } = await launch(xvfb!.display);
    context = launched;
    harness.context = launched;
    harness.worker = worker;
  };
  harness.page = async (url) => {
    const page = await context!.newPage();
    await page.goto(url);
    await page.bringToFront();
    return page;
  };
  harness.actionTitle = async (page) => {
    const url = page.url();
    return harness.worker!.evaluate(async (pageUrl) => {
      const tabs = await chrome.tabs.query({});
      const tab = tabs.find((t) => t.url === pageUrl);
      return tab?.id === undefined ? '' : chrome.action.getTitle({ tabId: tab.id });
    }, url);
  };
  harness.close = async () => {
    await context?.close().catch(() => undefined);
    xvfb?.stop();
    await bridge.stop();
    await sites.close();
    vault.lock();
    await rm(dir, { recursive: true, force: true });
  };
  return harness as Harness;
}
