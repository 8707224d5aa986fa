// A QR worker that dies on its first frame, as a worker hit by a native crash or out of memory
// would: the pool must fail that scan with a typed error and replace the worker.
import { parentPort } from 'node:worker_threads';

parentPort!.on('message', () => process.exit(7));
