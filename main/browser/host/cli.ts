// `node host.cjs <caller…>`: the host process as a browser starts it (development and tests; the
// packaged app runs hostMain from main/index.ts). This file is the host process's composition
// root, so it takes the kernel's peer check from main/platform like main/index.ts does.
// eslint-disable-next-line no-restricted-imports -- composition root of the host process
import { peerCredentials } from '../../platform/peer-credentials';
import { hostMain } from './main';

void hostMain(process.argv.slice(2), peerCredentials()).then((status) => {
  process.exitCode = status;
  // stdout may still hold a last error frame for the browser; let it drain, then go.
  setTimeout(() => process.exit(status), 200).unref();
});
