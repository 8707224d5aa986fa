// `npm run bench:vault`: how long unlocking takes with the vault's default KDF parameters, next
// to the alternatives at OWASP's minimum (docs/vault.md § Passphrase KDF), measured in the same
// run: the median of RUNS full unlocks (read the file, derive the key, unwrap, decrypt 50
// accounts). Also the longest event-loop stall during an unlock: hash-wasm's Argon2id runs in a
// worker thread (main/vault/argon2id-thread.ts), node:crypto's scrypt on libuv's pool.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { DEFAULT_KDF, newEntry, OWASP_ARGON2ID, OWASP_SCRYPT, Vault } from '../main/vault';
import type { KdfParams } from '../main/vault';

const RUNS = 5;
const PASSPHRASE = 'a passphrase for the benchmark';

const contenders: { label: string; kdf: KdfParams }[] = [
  { label: 'default: argon2id 64 MiB, t=3, p=4', kdf: DEFAULT_KDF },
  { label: 'OWASP min: argon2id 19 MiB, t=2, p=1', kdf: OWASP_ARGON2ID },
  { label: 'OWASP min: scrypt N=2^17, r=8, p=1 (128 MiB)', kdf: OWASP_SCRYPT },
];

const folder = await mkdtemp(join(tmpdir(), 'trayotp-bench-'));
const clock = { now: () => Date.now() };
const entries = Array.from({ length: 50 }, (_, i) =>
  newEntry(
    {
      type: 'totp',
      issuer: `Site ${i}`,
      name: 'user@example.com',
      secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
    },
    `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    0,
  ),
);

const results: { label: string; medianMs: number; stallMs: number }[] = [];
try {
  for (const [index, { label, kdf }] of contenders.entries()) {
    const path = join(folder, `vault-${index}.trayotp`);
    await Vault.create(path, { clock, passphrase: PASSPHRASE, kdf, entries, backups: 1 });
    const times: number[] = [];
    const stall = monitorEventLoopDelay({ resolution: 5 });
    for (let run = 0; run < RUNS; run++) {
      stall.enable();
      const started = performance.now();
      const vault = await Vault.open(path, { clock });
      await vault.unlock({ passphrase: PASSPHRASE });
      times.push(performance.now() - started);
      stall.disable();
      if (vault.entries.length !== entries.length) throw new Error('unlock lost entries');
    }
    times.sort((a, b) => a - b);
    results.push({ label, medianMs: times[RUNS >> 1]!, stallMs: stall.max / 1e6 });
  }
} finally {
  await rm(folder, { recursive: true, force: true });
}

const base = results[0]!.medianMs;
console.log(`vault unlock, median of ${RUNS} (open + KDF + unwrap + decrypt 50 accounts):`);
for (const { label, medianMs, stallMs } of results) {
  console.log(
    `  ${label.padEnd(46)} ${medianMs.toFixed(0).padStart(6)} ms  ` +
      `${(medianMs / base).toFixed(2)}× the default  event loop stalled up to ${stallMs.toFixed(0)} ms`,
  );
}
const [, argonMin, scryptMin] = results;
console.log(
  `at OWASP's minimum, Argon2id (hash-wasm) takes ${(argonMin!.medianMs / scryptMin!.medianMs).toFixed(2)}× as long as scrypt (node:crypto)`,
);
