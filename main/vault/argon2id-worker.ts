// The Argon2id (and Argon2d, for KeePass imports) worker (worker_threads): hash-wasm's Argon2id is WebAssembly on the calling
// thread, so in the main process it froze the tray, hotkeys and IPC for the whole derivation
// (about 0.3 s per unlock; tens of seconds for an Ente export's 1 GiB settings). Here it runs on
// its own thread, and its WebAssembly memory (the derivation's whole memory cost) goes away when
// the client terminates the idle worker. Built as its own entry (out/main/argon2id-worker.js,
// see electron.vite.config.ts). Self-contained: hash-wasm and Node only.
import { parentPort } from 'node:worker_threads';
import { argon2d, argon2id } from 'hash-wasm';
import type { Argon2idReply, Argon2idRequest } from './argon2id-thread';

if (!parentPort) throw new Error('main/vault/argon2id-worker.ts runs only as a worker thread.');
const port = parentPort;

port.on('message', async ({ id, input }: Argon2idRequest) => {
  let reply: Argon2idReply;
  try {
    const derive = input.variant === 'argon2d' ? argon2d : argon2id;
    const key = await derive({
      password: input.password,
      salt: input.salt,
      iterations: input.iterations,
      memorySize: input.memoryKiB,
      parallelism: input.parallelism,
      hashLength: input.hashLength,
      outputType: 'binary',
    });
    reply = { id, key };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  } finally {
    // The passphrase bytes were transferred here: this thread holds the only copy.
    if (typeof input.password !== 'string') input.password.fill(0);
  }
  port.postMessage(reply, 'key' in reply ? [reply.key.buffer as ArrayBuffer] : []);
});
