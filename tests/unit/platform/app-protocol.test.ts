// app:// serving: only files inside the renderer folder, always with the CSP header.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  registerAppScheme,
  resolveAppUrl,
  serveApp,
} from '../../../main/platform/app-protocol';

const root = mkdtempSync(join(tmpdir(), 'trayotp-app-'));
mkdirSync(join(root, 'assets'));
writeFileSync(join(root, 'index.html'), '<!doctype html><title>TrayOTP</title>');
writeFileSync(join(root, 'assets', 'index.js'), 'console.log(1)');

describe('resolveAppUrl', () => {
  it.each([
    ['app://trayotp/', join(root, 'index.html')],
    ['app://trayotp/index.html', join(root, 'index.html')],
    ['app://trayotp/assets/index.js', join(root, 'assets', 'index.js')],
    ['app://trayotp/assets/index.js?v=1#x', join(root, 'assets', 'index.js')],
  ])('%s → a file inside the root', (url, file) => {
    expect(resolveAppUrl(url, root)).toBe(file);
  });

  it.each([
    // The URL parser already folds literal dot segments into the root ("/../x" is "/x").
    'app://trayotp/../secret',
    'app://trayotp/%2e%2e/%2e%2e/etc/passwd',
  ])('%s stays inside the root', (url) => {
    expect(resolveAppUrl(url, root)?.startsWith(`${root}/`)).toBe(true);
  });

  it.each([
    'app://trayotp/assets/..%2f..%2fetc/passwd',
    'app://trayotp/%2e%2e%2f%2e%2e%2fetc/passwd',
    'app://trayotp/a%5c..%5c..%5cx',
    'app://trayotp/%00',
    'app://trayotp/%E4',
    'app://other/index.html',
    'file:///etc/passwd',
    'https://trayotp/index.html',
    'not a url',
  ])('%s → refused', (url) => {
    expect(resolveAppUrl(url, root)).toBeUndefined();
  });
});

describe('serveApp', () => {
  function handler() {
    let registered: ((request: Request) => Promise<Response>) | undefined;
    serveApp(
      {
        handle: (scheme: string, fn: (request: Request) => Promise<Response>) => {
          expect(scheme).toBe('app');
          registered = fn;
        },
      } as never,
      root,
    );
    return registered!;
  }

  it('serves files with their type and the CSP header', async () => {
    const response = await handler()(new Request('app://trayotp/'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).toContain('<title>TrayOTP</title>');
  });

  it('answers 404 for escapes and missing files', async () => {
    expect((await handler()(new Request('app://trayotp/../../etc/passwd'))).status).toBe(404);
    expect((await handler()(new Request('app://trayotp/missing.js'))).status).toBe(404);
  });

  it('the CSP allows no remote or inline script', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|script-src[^;]*unsafe-inline/);
  });

  it('registers app:// as a standard, secure scheme', () => {
    const schemes: unknown[] = [];
    registerAppScheme({
      registerSchemesAsPrivileged: (s: unknown[]) => schemes.push(...s),
    } as never);
    expect(schemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });
});
