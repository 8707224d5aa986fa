// The child process of concurrency.test.ts: opens and unlocks a vault, says "ready", waits for
// "go" on stdin (so two writers have both read the same version before either writes — the
// race that lost accounts), adds one account and prints what happened as one JSON line:
// { added: id, backup } or { refused: message } (the write lock's bounded wait ran out).
import { createInterface } from 'node:readline';
import { startupSnapshot } from 'node:v8';
import { Vault, VaultBusyError } from '../../../main/vault';

async function main(path: string, passphrase: string, name: string, lockWaitMs: number) {
  const clock = { now: () => Date.now() };
  const vault = await Vault.open(path, { clock, backups: 1000, lockWaitMs });
  await vault.unlock({ passphrase });
  process.stdout.write('ready\n');
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) if (line === 'go') break;
  lines.close();
  try {
    const entry = await vault.add({
      type: 'totp',
      issuer: 'Concurrent',
      name,
      secret: 'JBSWY3DPEHPK3PXP',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
    });
    process.stdout.write(`${JSON.stringify({ added: entry.id, backup: vault.lastBackup })}\n`);
  } catch (error) {
    if (!(error instanceof VaultBusyError)) throw error;
    process.stdout.write(`${JSON.stringify({ refused: error.message })}\n`);
  }
}

// concurrency.test.ts bundles this file and builds a V8 startup snapshot of it (node
// --build-snapshot), as crash.test.ts does, so forty children start in tens of milliseconds
// on a busy machine; the arguments then follow `add` wherever Node put them.
function run() {
  const at = process.argv.indexOf('add');
  main(
    process.argv[at + 1]!,
    process.argv[at + 2]!,
    process.argv[at + 3]!,
    Number(process.argv[at + 4]),
  )
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      process.stderr.write(`${(error as Error).stack}\n`);
      process.exit(1);
    });
}

if (startupSnapshot.isBuildingSnapshot()) startupSnapshot.setDeserializeMainFunction(run);
else if (process.argv.includes('add')) run();
