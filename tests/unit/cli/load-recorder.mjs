// Preloaded with `node --import` by built-cli.test.ts: records every module the process loads
// (ESM and CommonJS alike, through Node's synchronous hooks) and writes the list, one URL a
// line, to $TRAYOTP_LOAD_LOG when the process exits.
import { writeFileSync } from 'node:fs';
import { registerHooks } from 'node:module';

const loaded = [];
registerHooks({
  load(url, context, nextLoad) {
    loaded.push(url);
    return nextLoad(url, context);
  },
});
process.on('exit', () => writeFileSync(process.env.TRAYOTP_LOAD_LOG, loaded.join('\n')));
