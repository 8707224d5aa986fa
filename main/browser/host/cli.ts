// `node host.cjs <caller…>`: the host process as a browser starts it.
import { hostMain } from './main';

void hostMain().then((status) => {
  process.exitCode = status;
  // stdout may still hold a last error frame for the browser; let it drain, then go.
  setTimeout(() => process.exit(status), 200).unref();
});
