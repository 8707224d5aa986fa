// The app's browser server alone in a child process, for the flood tests (flood.test.ts): the
// real BrowserBridge on a socket, one browser already paired (its public key from the parent),
// and a person who never answers a pairing prompt. Its memory is read from /proc by the parent.
// FLOOD_ROOT points at another checkout's root to measure older code the same way.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [socketPath, pairedKey] = process.argv.slice(2);
const root = process.env.FLOOD_ROOT ?? join(import.meta.dirname, '..', '..', '..', '..');
const load = (file: string) => import(pathToFileURL(join(root, 'main', 'browser', file)).href);

const { BrowserBridge } = await load('bridge.ts');
const { memoryPairingStore } = await load('pairings.ts');
const crypto = await load('session-crypto.ts');
await crypto.cryptoReady();
const app = crypto.newKeyPair();
const store = memoryPairingStore({
  version: 1,
  app: { publicKey: crypto.toBase64(app.publicKey), privateKey: crypto.toBase64(app.privateKey) },
  browsers: [
    {
      id: crypto.fingerprint(crypto.fromBase64(pairedKey)),
      key: pairedKey,
      browser: 'Real browser',
      pairedAt: 0,
      lastSeenAt: null,
    },
  ],
  revoked: [],
});
const bridge = new BrowserBridge({
  store,
  place: { dir: join(socketPath!, '..'), path: socketPath },
  accounts: () => [{ id: 'gh', issuer: 'GitHub', name: 'a', domains: ['github.com'] }],
  code: async () => '123456',
  confirmPairing: () => new Promise(() => undefined), // the person never answers
  openToBind: () => undefined,
  addFromQr: async () => ({ id: 'x', label: 'x' }),
});
await bridge.start();
process.stdout.write('ready\n');
