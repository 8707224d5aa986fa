// Scans (main/app/enrol/scans.ts): candidates held in main by scan id, scans from the tray or the
// hotkey with the window out of the way, a scan asked for while locked, the region selection.
import { describe, expect, it, vi } from 'vitest';
import { fakeApp } from '../../../fakes/app';
import { CaptureError } from '../../../../main/app/ports/capture';
import type { ScanResult } from '../../../../preload/contract';

const GITHUB = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
const SECRETS = ['JBSWY3DPEHPK3PXP', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'];

describe('Scans', () => {
  it('a scan asked for while locked runs after the unlock, if that comes within two minutes', async () => {
    const { app, scannerTexts, shown, clock, events, adapters, logged } = await fakeApp();
    await app.session.create();
    await app.session.lock();
    scannerTexts.push(GITHUB);
    const scanned = () => events.filter((p) => (p as { event: string }).event === 'scanned');
    expect(await app.scans.fromShortcut('screen')).toBe('locked');
    expect(shown.at(-1)).toEqual({ view: 'codes' });
    await clock.advance(30_000);
    await app.session.unlock();
    await clock.advance(1000);
    expect(scanned()).toHaveLength(1);
    expect(shown.at(-1)).toEqual({ view: 'add' });

    // Asked, then unlocked three minutes later: the moment has passed.
    await app.session.lock();
    expect(await app.scans.fromShortcut('screen')).toBe('locked');
    await clock.advance(3 * 60_000);
    await app.session.unlock();
    await clock.advance(1000);
    expect(scanned()).toHaveLength(1);

    // A resumed scan that fails with a bug (not a capture error) is logged, not lost.
    adapters.scanner.scanScreen = async () => {
      throw new TypeError('frame.data is undefined');
    };
    await app.session.lock();
    expect(await app.scans.fromShortcut('screen')).toBe('locked');
    await app.session.unlock();
    await clock.advance(1000);
    expect(logged.map(([message]) => message)).toEqual(['the scan asked for before the unlock']);
  });

  it('scans: otpauth candidates by id, decoys counted, migration batches, nothing secret in the view', async () => {
    const { app, scannerTexts } = await fakeApp();
    await app.session.create();
    scannerTexts.push('https://apps.apple.com/app/id1', GITHUB, 'WIFI:S:home;T:WPA;P:pw;;', GITHUB);
    const scan = await app.scans.screen();
    expect(scan.otherCodes).toBe(2);
    expect(scan.candidates).toEqual([
      {
        id: expect.any(String),
        kind: 'account',
        issuer: 'GitHub',
        name: 'alice',
        type: 'totp',
        count: 1,
        duplicateOf: null,
      },
    ]);
    expect(JSON.stringify(scan)).not.toMatch(new RegExp(SECRETS.join('|')));
    const { added } = await app.adding.addScanned(scan.scanId, [
      { candidateId: scan.candidates[0]!.id },
    ]);
    expect(added[0]).toMatchObject({ issuer: 'GitHub' });
    await expect(
      app.adding.addScanned(scan.scanId, [{ candidateId: scan.candidates[0]!.id }]),
    ).rejects.toMatchObject({ code: 'scan-expired' });
  });

  it('scan from the tray or hotkey: captured with the window out of the way, then shown', async () => {
    const { app, adapters, scannerTexts, shown, hidden, clock, events } = await fakeApp();
    expect(await app.scans.fromShortcut('screen')).toBe('locked');
    expect(shown.at(-1)).toEqual({ view: 'codes' });

    await app.session.create();
    let visible = true;
    let capturedWhileVisible: boolean | undefined;
    adapters.window.isVisible = () => visible;
    adapters.window.hide = () => {
      hidden.push(clock.now());
      visible = false;
    };
    adapters.scanner.scanScreen = async () => {
      capturedWhileVisible = visible;
      return scannerTexts;
    };
    scannerTexts.push(GITHUB, 'https://apps.apple.com/app/id1');
    const started = app.scans.fromShortcut('screen');
    await clock.advance(1000);
    expect(await started).toBe('shown');
    expect(capturedWhileVisible).toBe(false);
    expect(shown.at(-1)).toEqual({ view: 'add' });
    const pushed = events.at(-1) as { event: string; payload: { ok: true; value: ScanResult } };
    expect(pushed.event).toBe('scanned');
    expect(pushed.payload.value).toMatchObject({
      otherCodes: 1,
      candidates: [{ issuer: 'GitHub', name: 'alice' }],
    });
    // The pushed result is a scan session like the window's own scans.
    const { scanId, candidates } = pushed.payload.value;
    expect(
      (await app.adding.addScanned(scanId, [{ candidateId: candidates[0]!.id }])).added,
    ).toHaveLength(1);

    // Nothing captured: the window opens on the reason, not on silence.
    adapters.scanner.scanScreen = async () => {
      throw new CaptureError('permission-denied', 'Allow screen recording for TrayOTP.');
    };
    expect(await app.scans.fromShortcut('screen')).toBe('shown');
    expect(events.at(-1)).toEqual({
      event: 'scanned',
      payload: {
        ok: false,
        error: { code: 'permission-denied', message: 'Allow screen recording for TrayOTP.' },
      },
    });
    // A region selection the person cancels opens nothing.
    const count = shown.length;
    expect(await app.scans.fromShortcut('region')).toBe('cancelled');
    expect(shown.length).toBe(count);
  });

  it('regionSelect settles the open selection; a stray one is refused', async () => {
    const { app } = await fakeApp();
    expect(() =>
      app.scans.selectRegion({ displayId: '1', x: 0, y: 0, width: 5, height: 5 }),
    ).toThrow('No region selection is open.');
    const waiting = app.region.wait();
    await app.scans.selectRegion({ displayId: '2', x: 10, y: 20, width: 30, height: 40 });
    expect(await waiting).toEqual({ displayId: '2', box: { x: 10, y: 20, width: 30, height: 40 } });
    const cancelled = app.region.wait();
    await app.scans.cancelRegion();
    expect(await cancelled).toBeUndefined();
  });

  it("a screen scan's progress reaches the window as the share of displays decoded", async () => {
    const { app, adapters, pushed } = await fakeApp();
    await app.session.create();
    adapters.scanner.scanScreen = async (options) => {
      for (const fraction of [0, 1 / 3, 2 / 3, 1]) options?.onProgress?.(fraction);
      return [];
    };
    await app.scans.screen();
    expect(pushed('progress')).toEqual([
      { task: 'scan', fraction: 0 },
      { task: 'scan', fraction: 1 / 3 },
      { task: 'scan', fraction: 2 / 3 },
      { task: 'scan', fraction: 1 },
    ]);
  });

  it('from the tray: the first key found opens the Add view before the other displays end', async () => {
    const { app, adapters, shown, events } = await fakeApp();
    await app.session.create();
    let finish!: () => void;
    adapters.scanner.scanScreen = async (options) => {
      options?.onFound?.([GITHUB]);
      await new Promise<void>((resolve) => (finish = resolve));
      return [GITHUB];
    };
    const scanning = app.scans.fromShortcut('screen');
    await vi.waitFor(() => expect(shown.at(-1)).toEqual({ view: 'add' }));
    expect(events.some((e) => e.event === 'scanned')).toBe(false);
    finish();
    expect(await scanning).toBe('shown');
    expect(events.filter((e) => e.event === 'scanned')).toHaveLength(1);
  });
});
