// An import's progress reaches the window as `progress` events that match the contract (fraction
// and stage), and Cancel stops it: the preview rejects as cancelled, nothing is added, and the
// same file can be opened again.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { events } from '../../../preload/contract';
import { testdataPath } from '../../support/testdata';
import { controllerSetup, ok } from './support/controller';

async function encryptedAegis() {
  const bytes = await readFile(testdataPath('interop/aegis/aegis_encrypted.json'));
  return controllerSetup({ pick: { fileName: 'aegis_encrypted.json', bytes } });
}

describe('AppController: import progress and cancel', () => {
  it('forwards the stages as contract-valid progress events, ending at 1', async () => {
    const { controller, events: sent } = await encryptedAegis();
    ok(await controller.createVault());
    const picked = ok(await controller.importPickFile())!;
    const preview = ok(await controller.importPreview(picked.importId, 'test'));
    expect(preview.entries).toHaveLength(7);
    const progress = sent.filter((e) => e.event === 'progress').map((e) => e.payload);
    for (const payload of progress) expect(events.progress.safeParse(payload).success).toBe(true);
    expect(progress.map((p) => (p as { stage?: string }).stage)).toContain('deriving-key');
    expect(progress.at(-1)).toMatchObject({ task: 'import', fraction: 1 });
    const fractions = progress.map((p) => (p as { fraction: number }).fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
  });

  it('Cancel stops the import; nothing is added, and the file can be opened again', async () => {
    const { controller, events: sent } = await encryptedAegis();
    ok(await controller.createVault());
    const picked = ok(await controller.importPickFile())!;
    let cancelled: Promise<unknown> | undefined;
    controller.onEvent((event, payload) => {
      if (event === 'progress' && (payload as { stage?: string }).stage === 'deriving-key') {
        cancelled ??= controller.importCancel(picked.importId);
      }
    });
    await expect(controller.importPreview(picked.importId, 'test')).rejects.toMatchObject({
      code: 'cancelled',
    });
    expect(await cancelled).toEqual({ ok: true, value: null });
    // The window's bar goes away: the last progress event is the end.
    expect(sent.filter((e) => e.event === 'progress').at(-1)?.payload).toMatchObject({
      fraction: 1,
    });
    expect((await controller.getState()).accounts).toEqual([]);

    const again = ok(await controller.importPreview(picked.importId, 'test'));
    expect(again.entries).toHaveLength(7);
  });

  it('cancelling an import that is not running does nothing', async () => {
    const { controller } = await encryptedAegis();
    ok(await controller.createVault());
    expect(await controller.importCancel('no-such-import')).toEqual({ ok: true, value: null });
  });
});
