// A joining computer's join request, made sure of at every start until its introduction is seen
// (docs/sync.md § Keys, joining). The secrets are kept in the vault before the request is written,
// so a crash (the process killed) in between left a computer that believed it had joined while its
// inviter never learnt of it. The proof the request carries (the invitation's id, the MAC only its
// code gives, the time and the key it was first written with) is kept with the secrets, and the
// request is written again when it is missing or unreadable. The inviter's clock still decides
// whether it comes in time (G3): nothing here compares clocks. Never written again once an
// introduction of this device is seen, once the invitation was used by another device, or once
// this device was removed: then the proof is dropped.
import { join } from 'node:path';
import { SYNC_DIR, classifyName } from '../../sync/names';
import { listNames } from '../../sync/folder-read';
import { parseKeyFile, readJoinRequest, readKeyFile, signedPart } from '../../sync/key-files';
import { writeJoinRequest } from '../../sync/key-files';
import { verifyBytes } from '../../sync/device-keys';
import { formatHlc } from '../../sync/hlc';
import type { SyncSecrets } from './sync-secrets';

/** Key files of a member looked at for an introduction of this device (as rotation.ts reads). */
const MAX_KEY_FILES = 64;

export type JoinOutcome =
  /** No join pending (a group this device started, or its introduction already seen). */
  | 'none'
  /** The request is in the folder (found, or written again). */
  | 'requested'
  /** A member introduced this device: the proof is no longer needed. */
  | 'introduced'
  /** The invitation let another device in, or this device was removed: nothing more is asked. */
  | 'refused';

/** Writes the join request again if it is missing; says what became of the join. */
export async function settleJoinRequest(secrets: SyncSecrets): Promise<JoinOutcome> {
  const pending = secrets.join;
  const membership = secrets.membership;
  if (!pending || !membership) return 'none';
  const { folder, device, keys, deviceKeys } = secrets;
  if (membership.removed[device]) return 'refused';
  const root = join(folder, SYNC_DIR);
  for (const [member, pinned] of Object.entries(membership.members)) {
    if (member === device) continue;
    const names = (await listNames(join(root, member), 4097).catch(() => [] as string[]))
      .flatMap((name) => {
        const parsed = classifyName(name);
        return parsed?.kind === 'rotation' && !parsed.conflict ? [{ name, seq: parsed.seq }] : [];
      })
      .sort((a, b) => b.seq - a.seq)
      .slice(0, MAX_KEY_FILES);
    for (const { name } of names) {
      try {
        const body = parseKeyFile(
          await readKeyFile(root, member, name, keys, membership),
          member,
          name,
        );
        if (!body || !('intro' in body) || body.intro.invite !== pending.invite) continue;
        const { sig, ...unsigned } = body;
        if (!verifyBytes(pinned.sign, signedPart(unsigned), sig)) continue;
        return body.intro.device === device ? 'introduced' : 'refused';
      } catch {
        // Not readable here (another key, torn, not its signer's): not an introduction we can use.
      }
    }
  }
  const found = await readJoinRequest(root, device, keys);
  if (found?.invite === pending.invite) return 'requested';
  const key = keys.find((k) => k.id === pending.key);
  if (!key) return 'refused';
  await writeJoinRequest({
    folder,
    device,
    seq: 1,
    at: formatHlc({ wall: pending.at, counter: 0, device }),
    deviceKeys,
    key,
    join: { invite: pending.invite, mac: pending.mac },
  });
  return 'requested';
}
