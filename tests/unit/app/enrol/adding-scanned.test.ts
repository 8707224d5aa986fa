// Issue 15, defect 3: what a scan found is added as one decision in one save — a migration QR's
// accounts all land or none does, accounts already in TrayOTP are left out (and counted), and an
// accepted issuer suggestion goes in with the add, not as a second round trip.
import { describe, expect, it } from 'vitest';
import { encodeMigrationUris, parseOtpUri } from '../../../../main/otp';
import { fakeApp } from '../../../fakes/app';

const GITHUB = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
const GITLAB = 'otpauth://totp/gitlab.com:alice?secret=MFRGGZDFMZTWQ2LK&issuer=gitlab.com';
const batch = ['Acme:carol', 'Initech:dave', 'GitHub:alice', 'Umbrella:eve'].map((label, i) => {
  const [issuer] = label.split(':') as [string, string];
  const secret = i === 2 ? 'JBSWY3DPEHPK3PXP' : `MFRGGZDFMZTWQ2L${'ABCD'[i]}`;
  return parseOtpUri(`otpauth://totp/${label}?secret=${secret}&issuer=${issuer}`).account;
});
const MIGRATION = encodeMigrationUris(batch, { batchId: 7 }).uris[0]!;

async function scanned(texts: string[]) {
  const fake = await fakeApp();
  await fake.app.session.create();
  await fake.app.adding.addUri(GITHUB);
  fake.scannerTexts.push(...texts);
  const scan = await fake.app.scans.screen();
  const revision = () => fake.app.session.current!.revision;
  return { ...fake, scan, revision };
}

describe('Adding what a scan found', () => {
  it('a migration batch with an account TrayOTP holds: the others land in one save', async () => {
    const { app, scan, revision } = await scanned([MIGRATION, GITLAB]);
    expect(scan.candidates.map((c) => [c.kind, c.count])).toEqual([
      ['migration', 4],
      ['account', 1],
    ]);
    const before = revision();
    const result = await app.adding.addScanned(
      scan.scanId,
      scan.candidates.map((c) => ({ candidateId: c.id })),
    );
    expect(result.added.map((a) => a.issuer)).toEqual([
      'Acme',
      'Initech',
      'Umbrella',
      'gitlab.com',
    ]);
    expect(result.skipped).toBe(1);
    // One save for the whole decision (each save is a revision).
    expect(revision()).toBe(before + 1);
    expect((await app.getState()).accounts).toHaveLength(5);
  });

  it('an accepted issuer is part of the add: no second save, no index arithmetic in the window', async () => {
    const { app, scan, revision } = await scanned([GITLAB]);
    const before = revision();
    const { added } = await app.adding.addScanned(scan.scanId, [
      { candidateId: scan.candidates[0]!.id, issuer: 'GitLab' },
    ]);
    expect(added.map((a) => a.issuer)).toEqual(['GitLab']);
    expect(revision()).toBe(before + 1);
  });

  it('when everything chosen is there already, nothing is written and the person is told', async () => {
    const { app, scan, revision } = await scanned([GITHUB]);
    const before = revision();
    await expect(
      app.adding.addScanned(scan.scanId, [{ candidateId: scan.candidates[0]!.id }]),
    ).rejects.toMatchObject({
      code: 'duplicate',
      message: 'This account is already in TrayOTP as GitHub.',
    });
    expect(revision()).toBe(before);
  });

  it('an unknown candidate refuses the whole decision before anything is saved', async () => {
    const { app, scan, revision } = await scanned([MIGRATION, GITLAB]);
    const before = revision();
    await expect(
      app.adding.addScanned(scan.scanId, [
        { candidateId: scan.candidates[1]!.id },
        { candidateId: 'c99' },
      ]),
    ).rejects.toMatchObject({ code: 'scan-expired' });
    expect(revision()).toBe(before);
    // An issuer for a batch of several accounts is refused, also before any save.
    await expect(
      app.adding.addScanned(scan.scanId, [{ candidateId: scan.candidates[0]!.id, issuer: 'X' }]),
    ).rejects.toMatchObject({ code: 'scan-issuer' });
    expect(revision()).toBe(before);
  });
});
