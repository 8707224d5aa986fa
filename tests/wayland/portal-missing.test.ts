// No portal: a private session bus with nothing on it, and no bus at all. The typer says
// 'missing' and types nothing, so the caller copies instead.
import { describe, expect, it } from 'vitest';
import { createPortalKeyTyper } from '../../main/platform/wayland/portal-key-typer';
import { skipWithout } from '../support/tools';
import { MemoryTokens } from './support/memory-tokens';
import { rigMissing, startBus } from './support/portal-rig';

const missingTools = skipWithout('dbus-daemon', 'xdg-desktop-portal');
const skipReason = missingTools ? 'dbus-daemon or xdg-desktop-portal missing' : rigMissing();
if (skipReason) console.warn(`skipping the missing-portal tests: ${skipReason}`);

describe.skipIf(Boolean(skipReason))('no portal on the bus', () => {
  it("gives 'missing' and types nothing", async () => {
    const bus = await startBus(false);
    try {
      const t = createPortalKeyTyper({ busAddress: bus.address, tokens: new MemoryTokens() });
      const outcome = await t.typeText('123456');
      expect(outcome).toMatchObject({ ok: false, reason: 'missing', typed: 0, total: 6 });
      expect(await t.type('123456')).toMatchObject({ typed: false, reason: 'unavailable' });
    } finally {
      await bus.stop();
    }
  });

  it("no session bus at all gives 'missing'", async () => {
    const t = createPortalKeyTyper({
      busAddress: 'unix:path=/nonexistent/trayotp-bus',
      tokens: new MemoryTokens(),
    });
    expect(await t.typeText('1')).toMatchObject({ ok: false, reason: 'missing' });
  });
});
