// Battle.net Authenticator's shared_prefs XML (masked serial and device secret).
import { describe, expect, it } from 'vitest';
import { battleNetImporter, unmaskBattleNet } from '../../../main/importers/battlenet';
import { describeInterop } from './interop-harness';

describeInterop({ set: 'aegis', format: 'battlenet', files: ['battle_net_authenticator.xml'] });

const prefs = (body: string) => ({
  fileName: 'prefs.xml',
  bytes: new TextEncoder().encode(
    `<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n<map>${body}</map>`,
  ),
});
const KEY = 'com.blizzard.messenger.AUTHENTICATOR_DEVICE_SECRET';

describe('battle.net importer', () => {
  it('unmasks by XOR with the fixed key and refuses text that is not hex', () => {
    const masked = unmaskBattleNet('00000000');
    expect(masked).toBe('\u0039\u008e\u0027\u00fc');
    expect(unmaskBattleNet('zz')).toBeUndefined();
  });

  it('skips a secret that does not unmask to hex, with the reason', async () => {
    const result = await battleNetImporter.read(prefs(`<string name="${KEY}">00</string>`));
    expect(result.entries).toEqual([]);
    expect(result.skipped).toEqual([
      { label: 'Battle.net', reason: 'Its masked device secret does not unmask to a hex key.' },
    ]);
  });

  it('does not claim shared_prefs without the device secret', () => {
    expect(battleNetImporter.detect(prefs('<string name="x">y</string>')).confidence).toBe(0);
  });
});
