// Steam Guard files (the Steam app's Steamguard-<id> and the older single-object form).
import { describe, expect, it } from 'vitest';
import { steamImporter } from '../../../main/importers/steam';
import { describeInterop } from './interop-harness';

describeInterop({ set: 'aegis', format: 'steam', files: ['steam.json', 'steam_old.json'] });

const input = (json: unknown) => ({
  fileName: 'Steamguard-1',
  bytes: new TextEncoder().encode(JSON.stringify(json)),
});

describe('steam importer', () => {
  it('skips an account whose shared_secret is not base64, with the reason', async () => {
    const result = await steamImporter.read(
      input({ accounts: { a: { shared_secret: 'not base64!', account_name: 'bob' } } }),
    );
    expect(result.entries).toEqual([]);
    expect(result.skipped).toEqual([{ label: 'bob', reason: 'Its shared_secret is not base64.' }]);
  });

  it.each([
    ['a JSON object without shared_secret', { account_name: 'bob' }],
    ['an accounts map whose entries lack shared_secret', { accounts: { a: { x: 1 } } }],
    ['an empty accounts map', { accounts: {} }],
  ])('does not claim %s', (_what, json) => {
    expect(steamImporter.detect(input(json)).confidence).toBe(0);
  });

  it('rejects a file that is not a Steam Guard file as damaged', async () => {
    await expect(steamImporter.read(input({ a: 1 }))).rejects.toMatchObject({ code: 'damaged' });
  });
});
