// Duo Mobile's accounts.json.
import { describe, expect, it } from 'vitest';
import { duoImporter } from '../../../main/importers/duo';
import { describeInterop } from './interop-harness';

// expected.json keeps the stored counter (3) for the HOTP entry: Aegis's test overrides the
// imported counter before comparing, but the file means 3, and 3 is what we import.
describeInterop({ set: 'aegis', format: 'duo', files: ['duo.json'] });

const input = (json: unknown) => ({
  fileName: 'accounts.json',
  bytes: new TextEncoder().encode(JSON.stringify(json)),
});

describe('duo importer', () => {
  it('lists a Duo push account (no OTP secret) as skipped with the reason', async () => {
    const result = await duoImporter.read(
      input([{ accountType: 'DuoAccount', name: 'Work', pkey: 'p1' }]),
    );
    expect(result.entries).toEqual([]);
    expect(result.skipped).toEqual([
      {
        label: 'Work',
        reason:
          'It is a Duo push account: Duo keeps no code secret for it that another app could use.',
      },
    ]);
  });

  it('skips an entry whose secret is not base32, with the validation message', async () => {
    const result = await duoImporter.read(
      input([{ name: 'x', pkey: 'p', otpGenerator: { otpSecret: 'ab!c' } }]),
    );
    expect(result.skipped).toEqual([
      { label: 'x', reason: 'The secret is not base32: "!" is not one of A–Z, 2–7.' },
    ]);
  });

  it.each([[[]], [[{ name: 'x' }]], [{ pkey: 'p' }], [[{ otpGenerator: 'x' }]]])(
    'does not claim %j',
    (json) => {
      expect(duoImporter.detect(input(json)).confidence).toBe(0);
    },
  );
});
