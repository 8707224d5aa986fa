// Issue 23, R5: a vault written before bindings version 2 (its bindings meant their registrable
// domain) is migrated on unlock to the "*." form of what each meant; the person is told once
// which bindings now show their whole site, and the vault is saved as version 2 at once.
import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { decodeVault, decryptBody, encodeVault } from '../../../../main/vault/format';
import { unwrapPassphraseSlot } from '../../../../main/vault/slots';
import { fakeApp } from '../../../fakes/app';

const PASSPHRASE = 'correct horse battery';
const HOSTCO = 'otpauth://totp/HostCo:alice?secret=JBSWY3DPEHPK3PXP&issuer=HostCo';

/** Rewrites the vault's body as versions before issue 23 wrote it: no `bindings` field. */
async function asVersionOne(path: string): Promise<void> {
  const parsed = decodeVault(await readFile(path));
  const slot = parsed.header.slots.find((s) => s.type === 'passphrase')!;
  const key = await unwrapPassphraseSlot(
    slot as Parameters<typeof unwrapPassphraseSlot>[0],
    PASSPHRASE,
    parsed.header.keyCheck,
  );
  const body = JSON.parse(decryptBody(parsed, key).toString('utf8')) as Record<string, unknown>;
  expect(body.bindings).toBe(2);
  delete body.bindings;
  const { cipher, nonce } = parsed.header.body;
  const header = { ...parsed.header, body: { cipher, nonce } };
  await writeFile(path, encodeVault(header, key, Buffer.from(JSON.stringify(body))));
}

describe('bindings version 1 → 2 on unlock', () => {
  it('keeps what each binding meant, says so once, and saves version 2', async () => {
    const first = await fakeApp({ backend: 'basic_text' });
    await first.app.session.create(PASSPHRASE);
    const { account } = await first.app.adding.addUri(HOSTCO);
    await first.app.session.current!.update(account.id, { domains: ['panel.hostco.com'] });
    await first.app.session.lock();
    await first.app.shutdown();
    await asVersionOne(first.adapters.vaultPath);

    const world = await fakeApp({ dir: first.dir, backend: 'basic_text' });
    await world.app.session.unlock(PASSPHRASE);
    const [entry] = world.app.session.current!.entries;
    // It filled on every host under hostco.com before; it still does, and now shows it.
    expect(entry!.domains).toEqual(['*.hostco.com']);
    expect(world.notifier.notices).toEqual([
      expect.objectContaining({
        title: 'Site bindings now show the whole site they covered',
        body: expect.stringContaining('panel.hostco.com → *.hostco.com'),
      }),
    ]);
    // Saved as version 2: the next unlock migrates nothing and says nothing.
    await expect.poll(async () => world.app.session.current!.bindingChanges).toEqual([]);
    await world.app.session.lock();
    await world.app.session.unlock(PASSPHRASE);
    expect(world.notifier.notices).toHaveLength(1);
    expect(world.app.session.current!.entries[0]!.domains).toEqual(['*.hostco.com']);
    await world.app.shutdown();
  });
});
