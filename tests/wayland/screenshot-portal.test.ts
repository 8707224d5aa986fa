// The Screenshot portal client against Debian's REAL xdg-desktop-portal frontend on a private
// bus. The test backend is a version-2 Screenshot backend, so the frontend asks Access ("allow
// screenshots?") the first time and remembers the answer in the real permission store; the
// backend serves a rendered enrolment screen (tests/fixtures/qr) as a desktop's screenshot tool
// writes its file.
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPortalScreenshot } from '../../main/platform/wayland/portal-screenshot';
import { skipWithout } from '../support/tools';
import { rigMissing, startBus, startRig } from './support/portal-rig';
import type { Rig } from './support/portal-rig';

const missingTools = skipWithout('dbus-daemon', 'xdg-desktop-portal');
const skipReason = missingTools ? 'dbus-daemon or xdg-desktop-portal missing' : rigMissing();
if (skipReason) console.warn(`skipping the Screenshot portal tests: ${skipReason}`);

const SCREEN = join(import.meta.dirname, '../fixtures/qr/s000_1920x1080_light_totp.png');

describe.skipIf(Boolean(skipReason))('Screenshot through the real xdg-desktop-portal', () => {
  let rig: Rig;

  beforeAll(async () => {
    rig = await startRig();
    rig.backend.screenshotSource = SCREEN;
  }, 60_000);
  afterAll(async () => {
    await rig?.stop();
  });

  const shooter = (maxBytes?: number) =>
    createPortalScreenshot({
      busAddress: rig.address,
      callTimeoutMs: 5000,
      answerTimeoutMs: 10_000,
      ...(maxBytes === undefined ? {} : { maxBytes }),
    });

  it('returns the served PNG and deletes the file; Access is asked once', async () => {
    const outcome = await shooter().take();
    expect(outcome.ok, outcome.ok ? '' : outcome.message).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.png.equals(await readFile(SCREEN))).toBe(true);
    expect(rig.backend.servedFiles).toHaveLength(1);
    expect(existsSync(rig.backend.servedFiles[0]!)).toBe(false);
    expect(rig.backend.accessDialogs).toBe(1);
    console.log(`Screenshot portal: ${outcome.elapsedMs} ms from the call to the PNG in hand`);

    // The frontend remembered the approval in the permission store: no second Access dialog.
    const second = await shooter().take();
    expect(second.ok).toBe(true);
    expect(rig.backend.accessDialogs).toBe(1);
    expect(existsSync(rig.backend.servedFiles[1]!)).toBe(false);
  });

  it('refuses a file over the size bound before reading it, and deletes it', async () => {
    const size = (await stat(SCREEN)).size;
    const outcome = await shooter(size - 1).take();
    expect(outcome).toMatchObject({ ok: false, reason: 'bad-file' });
    expect(outcome.ok || outcome.message).toContain(`${size} bytes, more than the ${size - 1}`);
    expect(existsSync(rig.backend.servedFiles.at(-1)!)).toBe(false);
  });

  it('refuses a file that is not a PNG', async () => {
    rig.backend.screenshotSource = join(import.meta.dirname, '../fixtures/qr/truth.json');
    try {
      const outcome = await shooter().take();
      expect(outcome).toMatchObject({ ok: false, reason: 'bad-file' });
      expect(outcome.ok || outcome.message).toMatch(/not a PNG/);
      expect(existsSync(rig.backend.servedFiles.at(-1)!)).toBe(false);
    } finally {
      rig.backend.screenshotSource = SCREEN;
    }
  });

  it("a refusal gives 'refused'", async () => {
    rig.backend.answer = 'refuse';
    try {
      const outcome = await shooter().take();
      expect(outcome).toMatchObject({ ok: false, reason: 'refused' });
    } finally {
      rig.backend.answer = 'approve';
    }
  });
});

describe.skipIf(Boolean(skipReason))('no screenshot portal', () => {
  it("gives 'missing'", async () => {
    const bus = await startBus(false);
    try {
      const outcome = await createPortalScreenshot({ busAddress: bus.address }).take();
      expect(outcome).toMatchObject({ ok: false, reason: 'missing' });
    } finally {
      await bus.stop();
    }
  });
});
