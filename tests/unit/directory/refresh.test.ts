// The refresh rules against a real loopback server and a real cache file, with time set by the
// test: nothing without the opt-in, at most weekly on its own, "Update now" when on, failures
// backed off, and a failed download or a bad file never replacing the copy.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  autoRefreshDue,
  DirectoryUpdater,
  FIRST_RETRY_MS,
  MAX_RETRY_MS,
  REFRESH_EVERY_MS,
} from '../../../main/directory/refresh';
import type { Failure } from '../../../main/directory/refresh';
import { CACHE_FILE_NAME, DirectoryStore } from '../../../main/directory/store';
import {
  DIRECTORY_SITE_COUNT,
  refusedUrl,
  startDirectoryServer,
} from '../../support/directory-server';
import type { DirectoryServer, ServerMode } from '../../support/directory-server';

const T0 = Date.UTC(2026, 10, 1, 9, 0, 0);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('autoRefreshDue', () => {
  const failed = (at: number, count: number): Failure => ({ at, count, message: 'x' });
  it.each([
    ['no copy, no failure', undefined, undefined, T0, { due: true }],
    ['a copy of a minute ago', T0 - 60_000, undefined, T0, { due: false, why: 'fresh' }],
    ['a copy 1 ms short of a week', T0 - REFRESH_EVERY_MS + 1, undefined, T0, { due: false }],
    ['a copy exactly a week old', T0 - REFRESH_EVERY_MS, undefined, T0, { due: true }],
    ['a copy dated tomorrow (clock was wrong)', T0 + DAY, undefined, T0, { due: true }],
    [
      'a failure 59 minutes ago',
      undefined,
      failed(T0 - 59 * 60_000, 1),
      T0,
      { due: false, why: 'backing-off' },
    ],
    ['a failure an hour ago', undefined, failed(T0 - HOUR, 1), T0, { due: true }],
    ['a 2nd failure an hour ago', undefined, failed(T0 - HOUR, 2), T0, { due: false }],
    ['a 2nd failure two hours ago', undefined, failed(T0 - 2 * HOUR, 2), T0, { due: true }],
    ['a 20th failure 23 hours ago', undefined, failed(T0 - 23 * HOUR, 20), T0, { due: false }],
    ['a 20th failure a day ago (capped)', undefined, failed(T0 - DAY, 20), T0, { due: true }],
    ['an old copy but a fresh failure', T0 - 30 * DAY, failed(T0 - 1000, 1), T0, { due: false }],
  ])('%s', (_name, fetchedAt, failure, now, expected) => {
    expect(autoRefreshDue(fetchedAt, failure, now)).toMatchObject(expected);
  });

  it('backs off 1 hour, then doubles, never beyond a day', () => {
    const waits = [1, 2, 3, 4, 5, 6, 7, 8].map((count) => {
      const decision = autoRefreshDue(undefined, failed(T0, count), T0);
      return decision.due ? 0 : decision.until - T0;
    });
    expect(waits).toEqual([1, 2, 4, 8, 16, 24, 24, 24].map((h) => h * HOUR));
    expect(FIRST_RETRY_MS).toBe(HOUR);
    expect(MAX_RETRY_MS).toBe(DAY);
  });
});

describe('DirectoryUpdater', () => {
  let server: DirectoryServer;
  let dir: string;
  let now: number;
  let path: string;

  beforeEach(async () => {
    server = await startDirectoryServer('ok');
    dir = await mkdtemp(join(tmpdir(), 'trayotp-directory-'));
    path = join(dir, CACHE_FILE_NAME);
    now = T0;
  });
  afterEach(() => server.close());

  const updater = (url = server.url, timeoutMs?: number) =>
    new DirectoryUpdater({
      store: new DirectoryStore(path),
      fetch,
      now: () => now,
      url,
      ...(timeoutMs !== undefined && { timeoutMs }),
    });

  it('downloads nothing while the directory is off, automatic or asked', async () => {
    const directory = updater();
    expect(await directory.refresh('auto', false)).toEqual({ kind: 'off' });
    expect(await directory.refresh('user', false)).toEqual({ kind: 'off' });
    expect(server.requests).toEqual([]);
    expect(existsSync(path)).toBe(false);
    expect(directory.copy).toBeUndefined();
  });

  it('downloads when turned on with no copy, and saves it with its date and source', async () => {
    const outcome = await updater().refresh('auto', true);
    expect(outcome.kind).toBe('updated');
    expect(server.requests).toHaveLength(1);
    const saved = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    expect(saved).toMatchObject({
      format: 'trayotp-2fa-directory',
      version: 1,
      fetchedAt: '2026-11-01T09:00:00.000Z',
      source: server.url,
    });
    // The list is kept exactly as it was sent.
    expect(saved.totp).toEqual(JSON.parse(server.body.toString('utf8')));
    // A new run reads the saved copy without asking the server.
    const next = updater();
    await next.open();
    expect(next.copy?.snapshot.sites).toHaveLength(DIRECTORY_SITE_COUNT);
    expect(next.copy?.snapshot.fetchedAt).toBe('2026-11-01T09:00:00.000Z');
    expect(server.requests).toHaveLength(1);
  });

  it('refreshes on its own at most weekly', async () => {
    const directory = updater();
    await directory.refresh('auto', true);
    for (const later of [1, HOUR, DAY, 6 * DAY, REFRESH_EVERY_MS - 1]) {
      now = T0 + later;
      expect(await directory.refresh('auto', true)).toMatchObject({
        kind: 'not-due',
        why: 'fresh',
      });
    }
    expect(server.requests).toHaveLength(1);
    now = T0 + REFRESH_EVERY_MS;
    expect((await directory.refresh('auto', true)).kind).toBe('updated');
    expect(server.requests).toHaveLength(2);
    expect(directory.copy?.snapshot.fetchedAt).toBe(new Date(now).toISOString());
  });

  it('updates when the person asks, however fresh the copy; two asks at once are one download', async () => {
    const directory = updater();
    await directory.refresh('auto', true);
    now += 60_000;
    const [a, b] = await Promise.all([
      directory.refresh('user', true),
      directory.refresh('user', true),
    ]);
    expect(a.kind).toBe('updated');
    expect(b).toBe(a);
    expect(server.requests).toHaveLength(2);
  });

  const failures: [ServerMode, RegExp][] = [
    ['error', /answered 500/],
    ['not-json', /not valid JSON/],
    ['wrong-shape', /not the 2FA Directory’s list/],
    ['truncated', /cut off/],
    ['short-json', /not valid JSON .*cut off/],
    ['hang', /did not send the directory within 0.3 seconds/],
  ];

  it.each(failures)(
    'a server answering "%s" leaves the previous copy in place',
    async (mode, message) => {
      const directory = updater(server.url, 300);
      await directory.refresh('auto', true);
      const before = readFileSync(path);
      server.mode = mode;
      now = T0 + 8 * DAY;
      const outcome = await directory.refresh('user', true);
      expect(outcome).toMatchObject({ kind: 'failed', message: expect.stringMatching(message) });
      expect(outcome.kind === 'failed' && outcome.kept?.snapshot.fetchedAt).toBe(
        '2026-11-01T09:00:00.000Z',
      );
      expect(readFileSync(path).equals(before)).toBe(true);
      expect(directory.copy?.snapshot.sites).toHaveLength(DIRECTORY_SITE_COUNT);
      expect(directory.failure).toMatchObject({ at: now, count: 1 });
    },
  );

  it('offline (connection refused): keeps the old copy and says when it was fetched', async () => {
    await updater().refresh('auto', true);
    const before = readFileSync(path);
    const offline = updater(await refusedUrl());
    now = T0 + 10 * DAY;
    const outcome = await offline.refresh('auto', true);
    expect(outcome).toMatchObject({
      kind: 'failed',
      message: expect.stringMatching(/ECONNREFUSED/),
    });
    expect(outcome.kind === 'failed' && outcome.kept?.snapshot.fetchedAt).toBe(
      '2026-11-01T09:00:00.000Z',
    );
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('a failure with no copy yet writes nothing', async () => {
    server.mode = 'error';
    const outcome = await updater().refresh('auto', true);
    expect(outcome).toMatchObject({ kind: 'failed', kept: undefined });
    expect(existsSync(path)).toBe(false);
  });

  it('does not retry a failed automatic refresh in a loop', async () => {
    server.mode = 'error';
    const directory = updater();
    await directory.refresh('auto', true);
    for (let minute = 1; minute < 60; minute += 7) {
      now = T0 + minute * 60_000;
      expect(await directory.refresh('auto', true)).toMatchObject({ why: 'backing-off' });
    }
    expect(server.requests).toHaveLength(1);
    now = T0 + HOUR;
    await directory.refresh('auto', true);
    expect(server.requests).toHaveLength(2);
    expect(directory.failure?.count).toBe(2);
    now = T0 + 2 * HOUR;
    expect(await directory.refresh('auto', true)).toMatchObject({ why: 'backing-off' });
    // The server recovers; the next attempt after the back-off succeeds and clears the failure.
    server.mode = 'ok';
    now = T0 + 3 * HOUR;
    expect((await directory.refresh('auto', true)).kind).toBe('updated');
    expect(directory.failure).toBeUndefined();
    expect(server.requests).toHaveLength(3);
  });

  it('a damaged saved copy is reported, not used, and replaced by the next download', async () => {
    writeFileSync(path, '{"format":"trayotp-2fa-directory","version":1,"fetchedAt":"x"');
    const directory = updater();
    await directory.open();
    expect(directory.copy).toBeUndefined();
    expect(directory.problem).toMatch(/is damaged \(not JSON\); it will be replaced/);
    expect((await directory.refresh('auto', true)).kind).toBe('updated');
    expect(directory.problem).toBeUndefined();
  });

  it('turning it off deletes the copy; a download still running is not saved', async () => {
    await updater().refresh('auto', true);
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started = () => {};
    const requested = new Promise<void>((resolve) => (started = resolve));
    const running = new DirectoryUpdater({
      store: new DirectoryStore(path),
      // The request goes out only after the person has turned the directory off.
      fetch: async (url, init) => {
        started();
        await gate;
        return fetch(url, init);
      },
      now: () => now,
      url: server.url,
    });
    await running.open();
    expect(running.copy).toBeDefined();
    const pending = running.refresh('user', true);
    await requested;
    await running.forget();
    expect(existsSync(path)).toBe(false);
    release();
    expect(await pending).toEqual({ kind: 'off' });
    expect(server.requests).toHaveLength(2);
    expect(existsSync(path)).toBe(false);
    expect(running.copy).toBeUndefined();
  });
});
