// The shared corpus of enrolment screenshots (tests/fixtures/qr): every key URI in truth.json
// is found, decoys (app-store, Wi-Fi codes) are found as texts but never picked as key URIs, and
// screens without a code give none.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scanImageFile } from '../../../main/qr';
import { testdataPath } from '../../support/testdata';

interface Truth {
  expect: string[];
  kind: string;
  decoy: boolean;
}

const truth: Record<string, Truth> = JSON.parse(
  readFileSync(testdataPath('qr/truth.json'), 'utf8'),
);

describe('scanImageFile on the shared screenshots (testdata/qr)', () => {
  it.each(Object.entries(truth))('%s', async (file, { expect: wanted, kind, decoy }) => {
    const result = await scanImageFile(readFileSync(testdataPath(`qr/${file}`)));
    expect(new Set(result.otpauth)).toEqual(new Set(wanted));
    for (const text of wanted) expect(result.texts).toContain(text);
    if (decoy) expect(result.texts.length).toBeGreaterThan(wanted.length);
    if (kind === 'none') expect(result.texts).toEqual([]);
    expect(result.decodeMs).toBeGreaterThan(0);
  });
});
