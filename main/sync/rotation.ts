// Removing a device (docs/sync.md § Keys, device removal). The remover makes a new sync key,
// wraps it to the X25519 key of every device that stays (from their pinned cards), and signs the
// rotation with its Ed25519 key: the removed device knows the old key, so only a signature from
// a device still in the group makes a rotation count. Files the removed device writes after the
// last one the remover had merged are not used by anyone.
import { join } from 'node:path';
import { z } from 'zod';
import { SyncFileError } from './errors';
import { decodeFile, encodeFile } from './file-format';
import { deviceCardSchema, listNames, readBounded } from './folder-read';
import type { DeviceCard, DeviceProblem } from './folder-read';
import { deviceDir, writeAtomic } from './folder-write';
import { DEVICE_ID, isHlc } from './hlc';
import type { Hlc } from './hlc';
import { signBytes, unwrapWith, verifyBytes, wrapFor } from './device-keys';
import type { DeviceKeys } from './device-keys';
import { newSyncKey, syncKeyFrom } from './keys';
import type { SyncKey } from './keys';
import { canonicalJson } from './records';
import { classifyName, rotationName, SYNC_DIR } from './names';

const MAX_ROTATIONS_PER_DEVICE = 64;
const b64 = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/);

const rotationSchema = z.strictObject({
  at: z.string().refine(isHlc),
  signer: z.string().regex(DEVICE_ID),
  oldKey: z.string(),
  newKey: z.string(),
  removed: z
    .array(
      z.strictObject({ device: z.string().regex(DEVICE_ID), upToSeq: z.number().int().min(0) }),
    )
    .max(64),
  wraps: z.record(z.string().regex(DEVICE_ID), z.strictObject({ eph: b64, nonce: b64, ct: b64 })),
  sig: b64,
});
type Rotation = z.infer<typeof rotationSchema>;

function signedPart(rotation: Omit<Rotation, 'sig'>): Buffer {
  return Buffer.from(`TrayOTP rotation v1|${canonicalJson(rotation)}`, 'utf8');
}

export async function writeRotation(options: {
  folder: string;
  device: string;
  seq: number;
  at: Hlc;
  deviceKeys: DeviceKeys;
  oldKey: SyncKey;
  cards: ReadonlyMap<string, DeviceCard>;
  remove: { device: string; upToSeq: number }[];
}): Promise<{ key: SyncKey; wrappedFor: string[] }> {
  const key = newSyncKey();
  const removed = new Set(options.remove.map((r) => r.device));
  const wraps: Rotation['wraps'] = {};
  for (const [device, card] of options.cards) {
    if (removed.has(device) || !card.dh) continue;
    wraps[device] = wrapFor(card.dh, key.key, `${options.at}|${device}`);
  }
  const unsigned = {
    at: options.at,
    signer: options.device,
    oldKey: options.oldKey.id,
    newKey: key.id,
    removed: options.remove,
    wraps,
  };
  const body = { ...unsigned, sig: signBytes(options.deviceKeys, signedPart(unsigned)) };
  const bytes = encodeFile(
    'rotation',
    { device: options.device, seq: options.seq },
    Buffer.from(JSON.stringify(body)),
    options.oldKey,
  );
  await writeAtomic(deviceDir(options.folder, options.device), rotationName(options.seq), bytes);
  return { key, wrappedFor: Object.keys(wraps).sort() };
}

export interface RotationState {
  /** Keys learned from rotations wrapped for this device, newest rotation first. */
  keys: SyncKey[];
  removed: Map<string, number>;
  problems: DeviceProblem[];
}

/**
 * Reads every device's card (pinning its public keys on first sight in `cards`) and rotation
 * files; applies the rotations that verify, in HLC order, each signed by a device not removed
 * by an earlier one.
 */
export async function readRotations(
  folder: string,
  keys: readonly SyncKey[],
  cards: Map<string, DeviceCard>,
  me: string,
  deviceKeys: DeviceKeys | undefined,
): Promise<RotationState> {
  const root = join(folder, SYNC_DIR);
  const state: RotationState = { keys: [], removed: new Map(), problems: [] };
  const budget = { left: 64 * 1024 * 1024 };
  const found: Rotation[] = [];
  let known = [...keys];
  const devices = (await listNames(root, 128)).filter((n) => DEVICE_ID.test(n)).sort();
  // Two passes: a rotation may be under a key that an earlier rotation gave us.
  for (let pass = 0; pass < 2; pass++) {
    for (const device of devices) {
      const names = await listNames(join(root, device), 4097).catch(() => [] as string[]);
      for (const name of names) {
        const parsed = classifyName(name);
        try {
          if (parsed?.kind === 'device' && !parsed.conflict && !cards.has(device)) {
            const bytes = await readBounded(join(root, device, name), device, name, budget);
            const decoded = decodeFile(bytes, known, `The card of device ${device}`);
            const card = deviceCardSchema.safeParse(JSON.parse(decoded.plaintext.toString('utf8')));
            if (decoded.kind === 'device' && decoded.header.device === device && card.success)
              cards.set(device, card.data);
          }
        } catch {
          // An unreadable card is reported by readSyncFolder with the rest of the device.
        }
      }
      const rotations = names
        .filter((n) => classifyName(n)?.kind === 'rotation')
        .slice(0, MAX_ROTATIONS_PER_DEVICE);
      for (const name of rotations) {
        try {
          const bytes = await readBounded(join(root, device, name), device, name, budget);
          const decoded = decodeFile(bytes, known, `Key rotation ${name} of device ${device}`);
          const body = rotationSchema.safeParse(JSON.parse(decoded.plaintext.toString('utf8')));
          if (
            decoded.kind !== 'rotation' ||
            decoded.header.device !== device ||
            !body.success ||
            body.data.signer !== device
          ) {
            throw new SyncFileError(
              'bad-records',
              `Key rotation ${name} of device ${device} does not match the format.`,
            );
          }
          if (!found.some((r) => r.at === body.data.at && r.signer === device))
            found.push(body.data);
        } catch (error) {
          if (pass === 1 && error instanceof SyncFileError && error.code !== 'unknown-key') {
            state.problems.push({ device, file: name, code: error.code, message: error.message });
          }
        }
      }
    }
    // Learn keys before the second pass.
    for (const rotation of found.sort((a, b) => (a.at < b.at ? -1 : 1))) {
      const wrap = rotation.wraps[me];
      if (!wrap || !deviceKeys) continue;
      const key = unwrapWith(deviceKeys, wrap, `${rotation.at}|${me}`);
      if (key && !known.some((k) => k.id === rotation.newKey)) known = [syncKeyFrom(key), ...known];
    }
  }
  const removed = new Map<string, number>();
  for (const rotation of found.sort((a, b) => (a.at < b.at ? -1 : 1))) {
    const signerCard = cards.get(rotation.signer);
    const { sig, ...unsigned } = rotation;
    if (
      removed.has(rotation.signer) ||
      !signerCard?.sign ||
      !verifyBytes(signerCard.sign, signedPart(unsigned), sig)
    ) {
      state.problems.push({
        device: rotation.signer,
        file: 'keys',
        code: 'authentication',
        message: `A key rotation claiming to come from device ${signerCard?.name ?? rotation.signer} is not signed by a device of the group; it was ignored.`,
      });
      continue;
    }
    for (const r of rotation.removed)
      removed.set(r.device, Math.min(r.upToSeq, removed.get(r.device) ?? Infinity));
    const wrap = rotation.wraps[me];
    const key =
      wrap && deviceKeys ? unwrapWith(deviceKeys, wrap, `${rotation.at}|${me}`) : undefined;
    if (key) state.keys.unshift(syncKeyFrom(key));
  }
  state.removed = removed;
  return state;
}
