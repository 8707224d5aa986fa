// A throwaway certificate authority for the browser suite's HTTPS sites, made with openssl for
// one harness: a CA and one leaf certificate for every test host name. Only the test profile
// trusts the CA: it goes into an NSS database under the HOME that Chromium is started with
// ($HOME/.pki/nssdb, written with certutil from libnss3-tools), so the sites are real secure
// contexts with a valid chain. Without certutil, Chromium is told to accept the leaf's key
// instead (--ignore-certificate-errors-spki-list, which also reports the connection as valid).
// Nothing is added to any system trust store.
import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { onPath } from '../../support/xvfb';
import { makeTestCa } from '../../unit/time/support/test-ca';

export interface SiteCa {
  caPem: string;
  key: string;
  cert: string;
  /** base64 SHA-256 of the leaf's SubjectPublicKeyInfo, for --ignore-certificate-errors-spki-list. */
  leafSpki: string;
}

/** Makes the CA and a leaf for `hosts` in `dir` (the clock check's test CA, with these names). */
export function makeSiteCa(dir: string, hosts: readonly string[]): SiteCa {
  const { caPem, key, cert } = makeTestCa({ dir, hosts });
  const spki = new X509Certificate(cert).publicKey.export({ type: 'spki', format: 'der' });
  return { caPem, key, cert, leafSpki: createHash('sha256').update(spki).digest('base64') };
}

/**
 * Makes `home`/.pki/nssdb trust the CA (Chromium on Linux reads it), and returns the extra
 * Chromium flags still needed: none with certutil, else the leaf's key to accept.
 */
export function trustInProfile(home: string, ca: SiteCa): string[] {
  if (!onPath('certutil')) return [`--ignore-certificate-errors-spki-list=${ca.leafSpki}`];
  const db = join(home, '.pki', 'nssdb');
  mkdirSync(db, { recursive: true });
  const caFile = join(home, 'test-ca.pem');
  writeFileSync(caFile, ca.caPem);
  const certutil = (...args: string[]) => execFileSync('certutil', args, { stdio: 'pipe' });
  certutil('-N', '-d', `sql:${db}`, '--empty-password');
  certutil('-A', '-d', `sql:${db}`, '-n', 'TrayOTP browser test CA', '-t', 'C,,', '-i', caFile);
  return [];
}
