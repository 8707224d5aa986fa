// Invitations (docs/sync.md § Keys): the sync key reaches a new device only with both the code
// from the screen and the file from the folder; the wrong code, an expired or missing invitation
// each get their own sentence; both sides compute the same check code.
import { mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deviceDir } from '../../../main/sync/folder-write';
import {
  acceptInvitation,
  checkCode,
  createInvitation,
  INVITATION_TTL_MS,
  parseInvitationText,
  removeInvitations,
} from '../../../main/sync/invitation';
import { newDeviceKeys } from '../../../main/sync/device-keys';
import { newDeviceId, newSyncKey } from '../../../main/sync/keys';

let folder: string;
const key = newSyncKey();
const inviter = newDeviceId();
const now = Date.UTC(2026, 11, 3);

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'trayotp-invite-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('invitations', () => {
  it('carries the sync key by QR text or by phrase, and both sides show the same check code', async () => {
    const invitation = await createInvitation({ folder, device: inviter, key, now });
    expect(invitation.qrText).toMatch(/^trayotp-invite:1:[a-z2-7]{26}:[a-z2-7]{13}:[A-Z2-7]{26}$/);
    expect(invitation.phrase).toMatch(/^([A-Z2-7]{4}-){9}[A-Z2-7]{3}$/);
    for (const text of [
      invitation.qrText,
      invitation.phrase,
      invitation.phrase.toLowerCase().replace(/-/g, ' '),
    ]) {
      const accepted = await acceptInvitation(folder, parseInvitationText(text));
      expect(accepted.key.key.equals(key.key)).toBe(true);
      expect(accepted.inviter).toBe(inviter);
    }
    const newcomer = newDeviceId();
    expect(checkCode(key, invitation.invite, newcomer)).toMatch(/^\d{6}$/);
    expect(checkCode(key, invitation.invite, newcomer)).toBe(
      checkCode(key, invitation.invite, newcomer),
    );
    expect(checkCode(key, invitation.invite, newDeviceId())).not.toBe(
      checkCode(key, invitation.invite, newcomer),
    );
    // Neither the key nor the code is in the folder.
    const [file] = await readdir(deviceDir(folder, inviter));
    const bytes = await readFile(join(deviceDir(folder, inviter), file!));
    expect(bytes.includes(key.key)).toBe(false);
    expect(bytes.toString('latin1')).not.toContain(key.key.toString('base64'));
    expect(bytes.toString('latin1')).not.toContain(invitation.code);
  });

  it('refuses a wrong code', async () => {
    const invitation = await createInvitation({ folder, device: inviter, key, now });
    const input = { ...parseInvitationText(invitation.qrText) };
    input.code = (input.code[0] === 'A' ? 'B' : 'A') + input.code.slice(1);
    await expect(acceptInvitation(folder, input)).rejects.toMatchObject({ code: 'bad-invitation' });
  });

  it('carries the members and removed devices, signed by the inviter; a forged inviter key is refused', async () => {
    const keys = newDeviceKeys();
    const other = newDeviceKeys();
    const members = {
      [inviter]: { sign: keys.signPublic, dh: keys.dhPublic },
      [newDeviceId()]: { sign: other.signPublic, dh: other.dhPublic },
    };
    const removed = { [newDeviceId()]: { by: inviter, at: 'x', upToSeq: 3 } };
    const invitation = await createInvitation({
      folder,
      device: inviter,
      key,
      now,
      deviceKeys: keys,
      membership: { members, removed },
    });
    const accepted = await acceptInvitation(folder, parseInvitationText(invitation.qrText));
    expect(accepted).toMatchObject({ members, removed, mac: invitation.mac });
    // Members that name another key for the inviter than the one that signed the file.
    await createInvitation({
      folder,
      device: inviter,
      key,
      now,
      deviceKeys: other,
      membership: { members, removed },
      random: (n) => (n === 8 ? Buffer.alloc(8, 1) : Buffer.alloc(n, 2)),
    }).then((forged) =>
      expect(acceptInvitation(folder, parseInvitationText(forged.qrText))).rejects.toMatchObject({
        code: 'bad-invitation',
      }),
    );
  });

  it('says when the invitation has not arrived yet', async () => {
    const input = parseInvitationText(
      `trayotp-invite:1:${inviter}:abcdefghijklm:${'A'.repeat(26)}`,
    );
    await expect(acceptInvitation(folder, input)).rejects.toMatchObject({
      code: 'invitation-not-found',
      message: expect.stringMatching(/has not reached this computer yet/),
    });
  });

  it.each([
    '',
    'hello',
    'otpauth://totp/x?secret=AAAA',
    'trayotp-invite:1:short:x:y',
    'A'.repeat(38),
  ])('refuses %j as an invitation text', (text) => {
    expect(() => parseInvitationText(text)).toThrow(/not a TrayOTP invitation/);
  });

  it('removes its own invitation files: closed ones at once, unknown ones once old, open ones never', async () => {
    const open = await createInvitation({ folder, device: inviter, key, now: Date.now() });
    const closed = await createInvitation({ folder, device: inviter, key, now: Date.now() });
    const unknown = await createInvitation({ folder, device: inviter, key, now: Date.now() });
    const sets = { open: new Set([open.invite]), closed: new Set([closed.invite]) };
    expect(await removeInvitations(folder, inviter, Date.now(), sets)).toBe(1);
    expect(await readdir(deviceDir(folder, inviter))).toEqual(
      [`invite-${open.invite}.tsi`, `invite-${unknown.invite}.tsi`].sort(),
    );
    expect(
      await removeInvitations(folder, inviter, Date.now() + INVITATION_TTL_MS + 1000, sets),
    ).toBe(1);
    expect(await readdir(deviceDir(folder, inviter))).toEqual([`invite-${open.invite}.tsi`]);
  });
});

describe('hostile invitation files', () => {
  it.each([
    ['a symlink', async (path: string) => symlink('/etc/hostname', path)],
    ['a 5 KiB file', async (path: string) => writeFile(path, Buffer.alloc(5 * 1024, 1))],
    ['garbage', async (path: string) => writeFile(path, 'not an invitation')],
  ])('refuses %s in place of the invitation', async (_, make) => {
    const invitation = await createInvitation({ folder, device: inviter, key, now });
    const path = join(deviceDir(folder, inviter), `invite-${invitation.invite}.tsi`);
    await rm(path);
    await make(path);
    await expect(
      acceptInvitation(folder, parseInvitationText(invitation.qrText)),
    ).rejects.toMatchObject({
      code: 'bad-invitation',
    });
  });
});
