// Sync in the app (main/app/sync): two apps as assembleApp builds them, each with its own vault,
// sharing one plain temp folder as "the synced folder" (a sync program would copy the files; a
// shared folder is the same files at once). Invitation, check codes, an account crossing over,
// removal with key rotation, lock, leave, rename, and the folders and texts that are refused.
import { cp, mkdir, mkdtemp, readdir, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SYNC_SECRET } from '../../../../main/app/sync/sync-secrets';
import type { SyncView } from '../../../../preload/views/sync';
import { issuers, unlockedApp, waitFor } from './apps';
import type { FakeApp } from '../../../fakes/app';

const GITHUB = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
const BANK = 'otpauth://totp/Bank:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Bank';
const MAIL = 'otpauth://totp/Mail:carol?secret=KRSXG5CTMVRXEZLU&issuer=Mail';

const folderOf = async () => mkdtemp(join(tmpdir(), 'trayotp-synced-'));

/** A starts a group in `folder` and invites; B joins with the phrase. */
async function pair(folder: string) {
  const a = await unlockedApp();
  const b = await unlockedApp();
  await a.app.adding.addUri(GITHUB);
  await a.app.sync.start(folder, 'Desk');
  const invitation = await a.app.sync.invite();
  const joined = await b.app.sync.join(folder, invitation.phrase.toLowerCase(), 'Laptop');
  return { a, b, invitation, joined };
}

describe('Sync in the app: invitation and check codes', () => {
  it('B joins with the typed phrase; both show the same check code; accounts cross both ways', async () => {
    const folder = await folderOf();
    const { a, b, invitation, joined } = await pair(folder);
    expect(invitation.qrText).toMatch(/^trayotp-invite:1:[a-z2-7]{26}:[a-z2-7]{13}:[A-Z2-7]{26}$/);
    expect(invitation.phrase).toMatch(/^([A-Z2-7]{4}-){9}[A-Z2-7]{3}$/);
    expect(joined.joined).toBe(true);
    const code = joined.view.joined?.checkCode;
    expect(code).toMatch(/^\d{6}$/);
    // A shows the same code once B's card reaches it.
    const onA = await waitFor(
      'the new device on A',
      () => a.app.sync.status().invitation?.newDevice,
    );
    expect(onA).toMatchObject({ name: 'Laptop', checkCode: code });
    // What A had is on B already (B's first round merged it); B's state was pushed.
    expect(issuers(b)).toEqual(['GitHub']);
    expect(
      b
        .states()
        .at(-1)
        ?.accounts.map((x) => x.issuer),
    ).toEqual(['GitHub']);

    // A save on A reaches B through the folder (the watcher), and B's window is told.
    const t0 = Date.now();
    await a.app.adding.addUri(BANK);
    await waitFor('Bank on B', () => issuers(b).includes('Bank'));
    const ms = Date.now() - t0;
    console.log(`sync: a save on A reached B's vault in ${ms} ms (plain folder)`);
    await waitFor('B pushed the state', () =>
      b.states().some((s) => s.accounts.some((x) => x.issuer === 'Bank')),
    );
    await b.app.adding.addUri(MAIL);
    await waitFor('Mail on A', () => issuers(a).includes('Mail'));

    await waitFor('the merge on A', () => a.app.sync.status().lastMerge?.added);
    const view = a.app.sync.status();
    expect(view).toMatchObject({ state: 'on', folder: expect.any(String) as string });
    expect(view.devices.map((d) => [d.name, d.thisDevice, d.problem])).toEqual([
      ['Desk', true, null],
      ['Laptop', false, null],
    ]);
    expect(view.lastMerge).toMatchObject({ added: 1 });
    // The keys live in the vault's secrets section, not in the view.
    expect(JSON.stringify(view)).not.toContain(invitation.qrText.split(':')[4]);
    expect(a.app.session.current?.secret(SYNC_SECRET)).toContain('"device"');
    expect(a.pushed('syncChanged').length).toBeGreaterThan(0);
  });

  it('waits while the invitation file has not arrived, then joins as it does; a pasted QR text works', async () => {
    const shared = await folderOf();
    const a = await unlockedApp();
    const b = await unlockedApp();
    await a.app.adding.addUri(GITHUB);
    await a.app.sync.start(shared, 'Desk');
    const invitation = await a.app.sync.invite();
    // B's copy of the folder, which A's files have not reached yet.
    const mine = await folderOf();
    const first = await b.app.sync.join(mine, `  ${invitation.qrText}\n`, 'Laptop');
    expect(first.joined).toBe(false);
    expect(first.view.joining?.message).toMatch(/Waiting for the invitation to arrive/);
    expect(first.view.state).toBe('off');
    // The "sync program" delivers A's files.
    await cp(join(shared, 'trayotp-sync'), join(mine, 'trayotp-sync'), { recursive: true });
    // B tries again every 2 s of its clock (the folder's watcher may report nothing).
    const view = await waitFor('B joined', async () => {
      await b.clock.advance(2_000);
      const v = b.app.sync.status();
      return v.state === 'on' && v.joined ? v : undefined;
    });
    expect(view.joining).toBeNull();
    expect(view.joined?.checkCode).toMatch(/^\d{6}$/);
    await waitFor('GitHub on B', () => issuers(b).includes('GitHub'));
    // The window hears of it (the check code comes with the view pushed once the engine ran).
    await waitFor('the joined view pushed', () =>
      b
        .pushed('syncChanged')
        .some((v) => (v as SyncView).joined?.checkCode === view.joined?.checkCode),
    );
  });

  it('reads an invitation QR code from the screen (the window out of the way), and joins with it', async () => {
    const folder = await folderOf();
    const a = await unlockedApp();
    const b = await unlockedApp();
    await a.app.sync.start(folder, 'Desk');
    await expect(b.app.sync.scanInvitation()).rejects.toMatchObject({
      code: 'sync-no-invitation',
      message: expect.stringMatching(/type its phrase/) as string,
    });
    const { qrText } = await a.app.sync.invite();
    b.scannerTexts.push('https://apps.apple.com/app/x', qrText);
    const hiddenBefore = b.hidden.length;
    const { invitation } = await b.app.sync.scanInvitation();
    expect(invitation).toBe(qrText);
    expect(b.hidden.length).toBe(hiddenBefore + 1);
    expect((await b.app.sync.join(folder, invitation, 'Laptop')).joined).toBe(true);
  });

  it('refuses what is not an invitation, a wrong code and a late one, with sentences', async () => {
    const folder = await folderOf();
    const a = await unlockedApp();
    const b = await unlockedApp();
    await a.app.sync.start(folder, 'Desk');
    const { phrase } = await a.app.sync.invite();
    await expect(b.app.sync.join(folder, 'hello', 'Laptop')).rejects.toMatchObject({
      code: 'bad-invitation',
      message: expect.stringMatching(/39-character phrase/) as string,
    });
    // A character of the code's middle (the last one carries padding bits too).
    const wrong = phrase.slice(0, 30) + (phrase[30] === 'A' ? 'B' : 'A') + phrase.slice(31);
    await expect(b.app.sync.join(folder, wrong, 'Laptop')).rejects.toMatchObject({
      code: 'bad-invitation',
      message: expect.stringMatching(/does not match/) as string,
    });
    // A late one: over by the inviter's clock (never the joiner's, G3), so the inviter removed its
    // file, and B waits for an invitation that does not come (tests/unit/app/sync/invitations).
    await a.clock.advance(16 * 60_000);
    await a.app.adding.addUri(BANK);
    const mine = join(folder, 'trayotp-sync', a.app.sync.status().thisDevice!.device);
    await waitFor('the invitation file removed', async () =>
      (await readdir(mine)).every((n) => !n.startsWith('invite-')),
    );
    expect((await b.app.sync.join(folder, phrase, 'Laptop')).joined).toBe(false);
    b.app.sync.cancelJoin();
    // Through the IPC table as the window sees it.
    const result = await b.table.invoke('syncJoin', [
      { folder, invitation: 'nope', deviceName: 'Laptop' },
    ]);
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-invitation' } });
    expect(b.app.sync.status().state).toBe('off');
    expect(b.app.session.current?.secret(SYNC_SECRET)).toBeUndefined();
  });
});

describe('Sync in the app: removal, lock, leave, rename', () => {
  it('removing B rotates the key (kept in the vault); what B writes afterwards is refused', async () => {
    const folder = await folderOf();
    const { a, b } = await pair(folder);
    const bId = b.app.sync.status().thisDevice!.device;
    await waitFor('B on A', () =>
      a.app.sync.status().devices.some((d) => d.device === bId && d.name),
    );
    const keysBefore = JSON.parse(a.app.session.current!.secret(SYNC_SECRET)!).keys as string[];
    const view = await a.app.sync.removeDevice(bId);
    const keysAfter = JSON.parse(a.app.session.current!.secret(SYNC_SECRET)!).keys as string[];
    expect(keysAfter).toHaveLength(2);
    expect(keysAfter[1]).toBe(keysBefore[0]);
    expect(keysAfter[0]).not.toBe(keysBefore[0]);
    // Shown as removed at once (before it writes anything more), here and on B itself.
    expect(view.devices.find((d) => d.device === bId)).toMatchObject({
      removed: true,
      problem: 'Removed from sync: its changes are no longer used.',
    });
    const onB = await waitFor('B learns it was removed', () =>
      b.app.sync.status().devices.find((d) => d.thisDevice && d.removed),
    );
    expect(onB.problem).toMatch(/removed this computer from sync/);

    await b.app.adding.addUri(MAIL);
    await waitFor('B wrote its change', () => issuers(b).includes('Mail'));
    const problem = await waitFor('B reported on A', () => {
      const problem = a.app.sync.status().devices.find((d) => d.device === bId)?.problem;
      return problem?.includes('it wrote since were not used') && problem;
    });
    expect(problem).toMatch(/was removed from sync; \d+ file\(s\) it wrote since were not used/);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(issuers(a)).toEqual(['GitHub']);
    await expect(
      a.app.sync.removeDevice(a.app.sync.status().thisDevice!.device),
    ).rejects.toMatchObject({
      code: 'sync-remove-self',
    });
  });

  it('a device that stays learns the new key from the rotation and keeps it in its vault', async () => {
    const folder = await folderOf();
    const { a, b } = await pair(folder);
    const c = await unlockedApp();
    const { phrase } = await a.app.sync.invite();
    expect((await c.app.sync.join(folder, phrase, 'Tablet')).joined).toBe(true);
    const keysOf = (app: FakeApp) =>
      JSON.parse(app.app.session.current!.secret(SYNC_SECRET)!).keys as string[];
    const bId = b.app.sync.status().thisDevice!.device;
    const cId = c.app.sync.status().thisDevice!.device;
    await waitFor('C on A', () =>
      a.app.sync.status().devices.some((d) => d.device === cId && d.name),
    );
    await a.app.sync.removeDevice(bId);
    await waitFor("the new key in C's vault", () => keysOf(c).length === 2);
    expect(keysOf(c)[0]).toBe(keysOf(a)[0]);
    expect(keysOf(b)).toHaveLength(1);
    // C's later change is read by A under the new key.
    await c.app.adding.addUri(MAIL);
    await waitFor('Mail on A', () => issuers(a).includes('Mail'));
  });

  it('lock stops the engine and nothing is written while locked; unlock resumes', async () => {
    const folder = await folderOf();
    const { a, b } = await pair(folder);
    const aId = a.app.sync.status().thisDevice!.device;
    await a.app.session.lock();
    expect(a.app.sync.status()).toMatchObject({ state: 'locked', devices: [], thisDevice: null });
    const before = (await readdir(join(folder, 'trayotp-sync', aId))).sort();
    await b.app.adding.addUri(BANK);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect((await readdir(join(folder, 'trayotp-sync', aId))).sort()).toEqual(before);
    await expect(a.app.sync.invite()).rejects.toMatchObject({ code: 'locked' });

    await a.app.session.unlock();
    await waitFor('Bank on A after unlock', () => issuers(a).includes('Bank'));
    expect(a.app.sync.status().state).toBe('on');
  });

  it('a folder that is not there at unlock (a disk not plugged in) is not made again; sync says so', async () => {
    const parent = await folderOf();
    const folder = join(parent, 'Sync');
    await mkdir(folder);
    const a = await unlockedApp();
    await a.app.sync.start(folder, 'Desk');
    await a.app.session.lock();
    await rename(folder, join(parent, 'Sync-away'));
    await a.app.session.unlock();
    const view = await waitFor('the error', () =>
      a.app.sync.status().error ? a.app.sync.status() : undefined,
    );
    expect(view).toMatchObject({ state: 'on', folder });
    expect(view.error).toMatch(/is not there/);
    expect(await readdir(parent)).toEqual(['Sync-away']);
    await expect(a.app.sync.invite()).rejects.toMatchObject({ code: 'sync-off' });
  });

  it('leave forgets the keys and stops; the folder keeps its files; rename reaches the others', async () => {
    const folder = await folderOf();
    const { a, b } = await pair(folder);
    const bId = b.app.sync.status().thisDevice!.device;
    await b.app.sync.rename('Travel laptop');
    await waitFor(
      'the new name on A',
      () => a.app.sync.status().devices.find((d) => d.device === bId)?.name === 'Travel laptop',
    );
    const files = await readdir(join(folder, 'trayotp-sync', bId));
    expect(b.app.session.current?.secret('sync-state.0')).toBeDefined();
    const left = await b.app.sync.leave();
    expect(left).toMatchObject({ state: 'off', folder: null, devices: [] });
    expect(b.app.session.current?.secret(SYNC_SECRET)).toBeUndefined();
    // The record of what was applied goes too (it would be ignored, but it is not kept).
    expect(b.app.session.current?.secret('sync-state.0')).toBeUndefined();
    expect(await readdir(join(folder, 'trayotp-sync', bId))).toEqual(files);
    await a.app.adding.addUri(BANK);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(issuers(b)).toEqual(['GitHub']);
  });
});

describe('Sync in the app: the folder', () => {
  it('refuses TrayOTP’s own folder, a file, a missing folder, and a folder with a group in it', async () => {
    const a = await unlockedApp();
    const file = join(a.dir, 'note.txt');
    await writeFile(file, 'x');
    for (const [folder, pattern] of [
      [a.dir, /TrayOTP's own files/],
      [join(a.dir, 'inside'), /does not exist/],
      [file, /not a folder/],
      ['relative/path', /Choose folder/],
    ] as const) {
      await expect(a.app.sync.start(folder, 'Desk')).rejects.toMatchObject({
        code: 'sync-folder',
        message: expect.stringMatching(pattern) as string,
      });
    }
    await mkdir(join(a.dir, 'inside'));
    await expect(a.app.sync.start(join(a.dir, 'inside'), 'Desk')).rejects.toMatchObject({
      message: expect.stringMatching(/TrayOTP's own files/) as string,
    });
    const group = await folderOf();
    const other = await unlockedApp();
    await other.app.sync.start(group, 'Other');
    await expect(a.app.sync.start(group, 'Desk')).rejects.toMatchObject({
      code: 'sync-group-exists',
    });
    await expect(a.app.sync.start(await folderOf(), '  \u0007 ')).rejects.toMatchObject({
      code: 'sync-device-name',
    });
    expect(a.app.session.current?.secret(SYNC_SECRET)).toBeUndefined();
    await expect(other.app.sync.start(await folderOf(), 'Again')).rejects.toMatchObject({
      code: 'sync-on',
    });
  });
});
