// Computers for the app-level sync tests: fake apps with a vault made, shut down after each test,
// and a wait for an outcome (generous: under a full CI run, with hostile files and key
// derivations beside it, a round of four engines over one folder once took over 15 s).
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect } from 'vitest';
import { fakeApp } from '../../../fakes/app';
import type { FakeApp } from '../../../fakes/app';

const started: FakeApp[] = [];
afterEach(async () => {
  for (const app of started.splice(0)) await app.app.shutdown();
});

export async function unlockedApp(): Promise<FakeApp> {
  const app = await fakeApp();
  started.push(app);
  await app.app.session.create();
  return app;
}

export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  ms = 60_000,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export const issuers = (app: FakeApp) =>
  (app.app.session.current?.entries ?? []).map((e) => e.issuer).sort();

export const GITHUB = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
export const uri = (issuer: string) =>
  `otpauth://totp/${issuer}:x?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=${issuer}`;

export const idOf = (app: FakeApp) => app.app.sync.status().thisDevice!.device;

/** A new group in a fresh plain folder: `a` started it, with one account. */
export async function group(): Promise<{ folder: string; a: FakeApp }> {
  const folder = await mkdtemp(join(tmpdir(), 'trayotp-invitations-'));
  const a = await unlockedApp();
  await a.app.adding.addUri(GITHUB);
  await a.app.sync.start(folder, 'Desk');
  return { folder, a };
}

/** `joiner` joins with `phrase`; both screens must show one check code, naming the joiner. */
export async function joinsAndMatches(
  inviter: FakeApp,
  joiner: FakeApp,
  phrase: string,
  name: string,
) {
  const joined = await joiner.app.sync.join(inviter.app.sync.status().folder!, phrase, name);
  expect(joined.joined).toBe(true);
  const onInviter = await waitFor(`${name} paired on the inviter`, () =>
    inviter.app.sync.status().invitation?.newDevice?.device === idOf(joiner)
      ? inviter.app.sync.status().invitation?.newDevice
      : undefined,
  );
  expect(onInviter).toEqual({
    device: idOf(joiner),
    name,
    checkCode: joined.view.joined!.checkCode,
  });
}
