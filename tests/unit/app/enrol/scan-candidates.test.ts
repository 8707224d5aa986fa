// What a scan's QR texts become: account and batch candidates, everything else counted.
import { describe, expect, it } from 'vitest';
import { scanCandidates } from '../../../../main/app/enrol/scan-candidates';
import { duplicateKey } from '../../../../main/importers/duplicates';
import { encodeMigrationUris, parseOtpUri } from '../../../../main/otp';

const GITHUB = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
const github = parseOtpUri(GITHUB).account;

describe('scanCandidates', () => {
  it('one candidate a link (repeats read once), decoys and broken links counted', () => {
    const found = scanCandidates(
      [
        GITHUB,
        'https://apps.apple.com/app/id1',
        GITHUB,
        'otpauth://totp/x?secret=!!',
        'WIFI:S:a;;',
      ],
      { known: new Map([[duplicateKey(github), 'existing-id']]), suggestIssuer: () => 'Git Hub' },
    );
    expect(found.views).toEqual([
      {
        id: 'c0',
        kind: 'account',
        issuer: 'GitHub',
        name: 'alice',
        type: 'totp',
        count: 1,
        duplicateOf: 'existing-id',
        suggestedIssuer: 'Git Hub',
      },
    ]);
    expect(found.otherCodes).toBe(3);
    expect(found.accounts.get('c0')).toEqual([github]);
  });

  it('a Google export link is one candidate batch', () => {
    const [batch] = encodeMigrationUris(
      [github, { ...github, issuer: 'Slack', name: 'bob', secret: 'GEZDGNBVGY3TQOJQ' }],
      { batchId: 1 },
    ).uris;
    const found = scanCandidates([batch!], { known: new Map() });
    expect(found.views).toMatchObject([{ kind: 'migration', issuer: 'GitHub', count: 2 }]);
    expect(found.accounts.get('c0')).toHaveLength(2);
  });
});
