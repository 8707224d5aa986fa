// An import's progress reaches the window as `progress` events that match the contract (fraction
// and stage), and Cancel stops it: the preview rejects as cancelled, nothing is added, and the
// same file can be opened again.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { events } from '../../../../preload/contract';
import { testdataPath } from '../../../support/testdata';
import { fakeApp } from '../../../fakes/app';

async function encryptedAegis() {
  const bytes = await readFile(testdataPath('interop/aegis/aegis_encrypted.json'));
  return fakeApp({ pick: { fileName: 'aegis_encrypted.json', bytes } });
}

describe('Imports: import progress and cancel', () => {
  it('forwards the stages as contract-valid progress events, ending at 1', async () => {
    const { app, events: sent } = await encryptedAegis();
    await app.session.create();
    const picked = (await app.imports.pickFile())!;
    const preview = await app.imports.preview(picked.importId, 'test');
    expect(preview.entries).toHaveLength(7);
    const progress = sent.filter((e) => e.event === 'progress').map((e) => e.payload);
    for (const payload of progress) expect(events.progress.safeParse(payload).success).toBe(true);
    expect(progress.map((p) => (p as { stage?: string }).stage)).toContain('deriving-key');
    expect(progress.at(-1)).toMatchObject({ task: 'import', fraction: 1 });
    const fractions = progress.map((p) => (p as { fraction: number }).fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
  });

  it('Cancel stops the import; nothing is added, and the file can be opened again', async () => {
    const { app, events: sent } = await encryptedAegis();
    await app.session.create();
    const picked = (await app.imports.pickFile())!;
    let cancelled = false;
    app.onEvent((event, payload) => {
      if (event === 'progress' && (payload as { stage?: string }).stage === 'deriving-key') {
        if (!cancelled) app.imports.cancel(picked.importId);
        cancelled = true;
      }
    });
    await expect(app.imports.preview(picked.importId, 'test')).rejects.toMatchObject({
      code: 'cancelled',
    });
    expect(cancelled).toBe(true);
    // The window's bar goes away: the last progress event is the end.
    expect(sent.filter((e) => e.event === 'progress').at(-1)?.payload).toMatchObject({
      fraction: 1,
    });
    expect((await app.getState()).accounts).toEqual([]);

    const again = await app.imports.preview(picked.importId, 'test');
    expect(again.entries).toHaveLength(7);
  });

  it('cancelling an import that is not running does nothing', async () => {
    const { app } = await encryptedAegis();
    await app.session.create();
    expect(() => app.imports.cancel('no-such-import')).not.toThrow();
  });
});
