// Computers for the app-level sync tests: fake apps with a vault made, shut down after each test,
// and a wait for an outcome (generous: under a full CI run, with hostile files and key
// derivations beside it, a round of four engines over one folder once took over 15 s).
import { afterEach } from 'vitest';
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
