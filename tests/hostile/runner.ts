// The child process of the hostile-input harness: runs ONE input against ONE entry point and
// prints one report line (REPORT_MARKER + JSON), then exits. The parent (supervise.ts) sets the
// memory and time bounds and kills this process when it crosses them; here we only classify
// what the entry point did: a result, a typed error of the project, or anything else.
// supervise.ts bundles this file with esbuild and starts it as
//   node --max-old-space-size=256 <bundle>/runner.js '<Job as JSON>'
import { readFile } from 'node:fs/promises';
import { REPORT_MARKER } from './job';
import type { ChildReport, Job, Outcome } from './job';

/** The project's typed errors, by module: each carries a sentence a person can act on. */
async function typedErrorClasses(): Promise<(abstract new (...args: never[]) => Error)[]> {
  const [importers, otp, qr, vault, directory] = await Promise.all([
    import('../../main/importers/errors'),
    import('../../main/otp/errors'),
    import('../../main/qr/errors'),
    import('../../main/vault/errors'),
    import('../../main/directory/errors'),
  ]);
  return [
    importers.ImportError,
    otp.OtpError,
    qr.QrError,
    vault.VaultError,
    directory.DirectoryFormatError,
  ];
}

let stallMs: number | undefined;
let wallStallMs: number | undefined;

/** CPU time this thread (not the process) has used, ms. */
function threadCpuMs(): number {
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1000;
}

/**
 * How long this thread's event loop was held between two runs of a 5 ms interval timer, from now
 * to stop(): `busy` is the CPU time this thread spent between two runs (work that blocked the
 * loop), `wall` the wall-clock gap, which also counts time the machine's other processes kept
 * this thread off a core (on a shared 2-core machine, hundreds of ms at times).
 */
function gapMeter(): { stop(): { busy: number; wall: number } } {
  let last = performance.now();
  let lastCpu = threadCpuMs();
  let busy = 0;
  let wall = 0;
  const tick = () => {
    const now = performance.now();
    const cpu = threadCpuMs();
    wall = Math.max(wall, now - last);
    busy = Math.max(busy, cpu - lastCpu);
    last = now;
    lastCpu = cpu;
  };
  const timer = setInterval(tick, 5);
  return {
    stop() {
      clearInterval(timer);
      tick();
      return { busy, wall };
    },
  };
}

async function run(job: Job): Promise<string> {
  switch (job.target) {
    case 'import': {
      // As the app reads a file: in the reading worker, under its budget, this thread only
      // waiting (issue 24). How long this thread stalls meanwhile is measured.
      const { readForeignFile } = await import('../../main/import-worker/client');
      const { readImportFile } = await import('../../main/importers/read-content');
      const gaps = gapMeter();
      try {
        // Read as the app reads a picked file: refused from its size before reading.
        const input = await readImportFile(job.path);
        const result = await readForeignFile(
          { fileName: job.fileName, bytes: input.bytes },
          { password: job.password },
          {},
          job.workerTimeMs === undefined ? {} : { budget: { timeMs: job.workerTimeMs } },
        );
        return `${result.format}: ${result.entries.length} entries, ${result.skipped.length} skipped`;
      } finally {
        ({ busy: stallMs, wall: wallStallMs } = gaps.stop());
      }
    }
    case 'otpauth': {
      const { parseOtpUri } = await import('../../main/otp');
      const { account } = parseOtpUri(await readFile(job.path, 'utf8'));
      return `${account.type} account`;
    }
    case 'migration': {
      const { decodeMigrationUri } = await import('../../main/otp');
      const decoded = decodeMigrationUri(await readFile(job.path, 'utf8'));
      return `${decoded.accounts.length} accounts, ${decoded.skipped.length} skipped, batch ${decoded.batch.batchIndex + 1}/${decoded.batch.batchSize}`;
    }
    case 'image': {
      const { scanImageFile } = await import('../../main/qr');
      const scan = await scanImageFile(new Uint8Array(await readFile(job.path)));
      return `${scan.texts.length} QR codes`;
    }
    case 'directory': {
      const { parseDirectory } = await import('../../main/directory/parse');
      const parsed = parseDirectory(new Uint8Array(await readFile(job.path)));
      return `${parsed.sites.length} sites, ${parsed.skipped} skipped`;
    }
    case 'vault': {
      const { Vault } = await import('../../main/vault');
      const vault = await Vault.open(job.path, { clock: { now: () => Date.now() } });
      await vault.unlock({ passphrase: job.password ?? '' });
      return `unlocked, ${vault.entries.length} entries`;
    }
  }
}

async function outcomeOf(job: Job): Promise<Outcome> {
  try {
    return { kind: 'result', summary: await run(job) };
  } catch (error) {
    const typed = await typedErrorClasses();
    if (error instanceof Error && typed.some((type) => error instanceof type)) {
      const code = (error as { code?: unknown }).code;
      return {
        kind: 'typed-error',
        errorName: error.name,
        code: typeof code === 'string' ? code : '',
        message: error.message.slice(0, 500),
      };
    }
    const named = error instanceof Error ? error : new Error(String(error));
    return {
      kind: 'untyped-error',
      errorName: named.name,
      message: named.message.slice(0, 500),
      stack: (named.stack ?? '').split('\n').slice(0, 8).join('\n'),
    };
  }
}

const job = JSON.parse(process.argv[2] ?? '{}') as Job;
const start = performance.now();
const outcome = await outcomeOf(job);
const report: ChildReport = {
  outcome,
  ms: performance.now() - start,
  cpuMs: (({ user, system }) => (user + system) / 1000)(process.cpuUsage()),
  maxRssKiB: process.resourceUsage().maxRSS,
  ...(stallMs === undefined ? {} : { stallMs }),
  ...(wallStallMs === undefined ? {} : { wallStallMs }),
};
process.stdout.write(`${REPORT_MARKER}${JSON.stringify(report)}\n`, () => {
  // An import ends as the command line's does: its reading worker has stopped before the answer
  // (client.ts), so nothing is left and the process ends by itself; a child that does not is
  // judged hung. process.exit() here, racing Node's teardown after a large worker, hung 1 run in
  // 8 on a loaded machine with the answer given. Other targets' worker threads (Argon2id, sharp)
  // may keep the loop alive: the answer is given, leave.
  if (job.target !== 'import') process.exit(0);
});
