// Which browsers TrayOTP has paired with, and its own long-term key for them. Not vault data: a
// pairing lets a browser ask for codes only while the vault is unlocked, and the key proves the
// app to the extension (a squatted socket or pipe cannot answer as TrayOTP). Kept in a 0600 file
// beside the settings; a damaged file is refused with a sentence, never silently reset (that
// would pair every browser anew behind the person's back).
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';

const b64key = z
  .string()
  .length(44)
  .regex(/^[A-Za-z0-9+/]{43}=$/);

export const pairedBrowserSchema = z.strictObject({
  /** fingerprint(extension key): how lists and revocation name it. */
  id: z.string().regex(/^[0-9a-f]{16}$/),
  key: b64key,
  browser: z.string().min(1).max(80),
  pairedAt: z.number().int().min(0),
  lastSeenAt: z.number().int().min(0).nullable(),
  /**
   * The browser's executable when it paired (the native host's parent process, host-parent.ts):
   * the hotkey knows its windows by process (issue 23). Absent where it could not be read.
   */
  executable: z.string().min(1).max(4096).optional(),
});
export type PairedBrowser = z.infer<typeof pairedBrowserSchema>;

export const pairingStateSchema = z.strictObject({
  version: z.literal(1),
  app: z.strictObject({ publicKey: b64key, privateKey: b64key }),
  browsers: z.array(pairedBrowserSchema).max(64),
  /** Fingerprints of revoked extension keys: they are refused without a new prompt. */
  revoked: z.array(z.string().regex(/^[0-9a-f]{16}$/)).max(1024),
});
export type PairingState = z.infer<typeof pairingStateSchema>;

/** Where pairings live (a port: the app passes a file store, tests may pass memory). */
export interface PairingStore {
  /** The saved state, or undefined when there is none yet. Throws on a damaged one. */
  load(): Promise<PairingState | undefined>;
  save(state: PairingState): Promise<void>;
}

export class PairingFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PairingFileError';
  }
}

const MAX_FILE_BYTES = 256 * 1024;

export function filePairingStore(path: string): PairingStore {
  return {
    async load() {
      let bytes: Buffer;
      try {
        bytes = await readFile(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
      if (bytes.length > MAX_FILE_BYTES) throw damaged(path, 'it is too large');
      let json: unknown;
      try {
        json = JSON.parse(bytes.toString('utf8'));
      } catch {
        throw damaged(path, 'it is not JSON');
      }
      const parsed = pairingStateSchema.safeParse(json);
      if (!parsed.success) throw damaged(path, parsed.error.issues[0]?.message ?? 'invalid');
      return parsed.data;
    },
    async save(state) {
      const checked = pairingStateSchema.parse(state);
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
      const handle = await open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(JSON.stringify(checked));
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, path);
    },
  };
}

export function memoryPairingStore(initial?: PairingState): PairingStore & {
  state: PairingState | undefined;
} {
  const store = {
    state: initial,
    async load() {
      return store.state && structuredClone(store.state);
    },
    async save(state: PairingState) {
      store.state = structuredClone(pairingStateSchema.parse(state));
    },
  };
  return store;
}

function damaged(path: string, why: string): PairingFileError {
  return new PairingFileError(
    `The list of connected browsers (${path}) cannot be read (${why}). Browsers stay disconnected; delete the file to pair them again.`,
  );
}
