// A backup that could not be written reaches the person: a notification when it happens, and the
// app state (the window's banner) until a later backup succeeds.
import { rm, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { backupFolder } from '../../../../main/vault';
import { fakeApp } from '../../../fakes/app';

const GITHUB = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
const GOOGLE = 'otpauth://totp/Google:bob?secret=GEZDGNBVGY3TQOJQ&issuer=Google';
const ACME = 'otpauth://totp/Acme:carol?secret=MFRGGZDFMZTWQ2LK&issuer=Acme';

describe('VaultSession: backup failures', () => {
  it('notifies, shows the problem in the state until a backup succeeds again', async () => {
    const { app, notifier, states, adapters } = await fakeApp();
    await app.session.create();
    expect((await app.getState()).backupProblem).toBeNull();

    // The backup folder becomes a plain file: the next backup cannot be written.
    const folder = backupFolder(adapters.vaultPath);
    await rm(folder, { recursive: true });
    await writeFile(folder, 'not a folder');
    await app.adding.addUri(GITHUB);

    expect(notifier.notices).toHaveLength(1);
    expect(notifier.notices[0]!.title).toBe('TrayOTP could not back up your accounts');
    expect(notifier.notices[0]!.body).toMatch(/^Your change is saved, but its backup copy/);
    const problem = states().at(-1)!.backupProblem;
    expect(problem?.message).toMatch(/^Your last change is saved, but its backup copy could not/);
    expect(problem?.message).toContain(folder);
    expect((await app.getState()).accounts).toHaveLength(1);

    // Still failing: still shown.
    await app.adding.addUri(GOOGLE);
    expect(states().at(-1)!.backupProblem).not.toBeNull();

    // The folder is usable again: the next backup succeeds and the banner goes.
    await rm(folder);
    await app.adding.addUri(ACME);
    expect(states().at(-1)!.backupProblem).toBeNull();
  });
});
