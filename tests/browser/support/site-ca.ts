// A throwaway certificate authority for the browser suite's HTTPS sites, made with openssl for
// one harness: a CA and one leaf certificate for every test host name. Only the test profile
// trusts the CA: it goes into an NSS database under the HOME that Chromium is started with
// ($HOME/.pki/nssdb, written with certutil from libnss3-tools), so the sites are real secure
// contexts with a valid chain. Without certutil, Chromium is told to accept the leaf's key
// instead (--ignore-certificate-errors-spki-list, which also reports the connection as valid).
// Nothing is added to any system trust store.
import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { onPath } from '../../support/xvfb';

export interface SiteCa {
  caPem: string;
  key: string;
  cert: string;
  /** base64 SHA-256 of the leaf's SubjectPublicKeyInfo, for --ignore-certificate-errors-spki-list. */
  leafSpki: string;
}

/** Makes the CA and a leaf for `hosts` in `dir` (about 100 ms: EC keys). */
export function makeSiteCa(dir: string, hosts: readonly string[]): SiteCa {
  mkdirSync(dir, { recursive: true });
  const at = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(
    'req',
    '-x509',
    ...ec,
    '-keyout',
    at('ca.key'),
    '-out',
    at('ca.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=TrayOTP browser test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
  const names = [...hosts.map((h) => `DNS:${h}`), 'DNS:localhost', 'IP:127.0.0.1'].join(',');
  writeFileSync(
    at('leaf.ext'),
    `subjectAltName=${names}\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n`,
  );
  openssl('req', ...ec, '-keyout', at('leaf.key'), '-out', at('leaf.csr'), '-subj', '/CN=sites');
  openssl(
    'x509',
    '-req',
    '-in',
    at('leaf.csr'),
    '-CA',
    at('ca.pem'),
    '-CAkey',
    at('ca.key'),
    '-CAcreateserial',
    '-out',
    at('leaf.pem'),
    '-days',
    '2',
    '-extfile',
    at('leaf.ext'),
  );
  const cert = readFileSync(at('leaf.pem'), 'utf8');
  const spki = new X509Certificate(cert).publicKey.export({ type: 'spki', format: 'der' });
  return {
    caPem: readFileSync(at('ca.pem'), 'utf8'),
    key: readFileSync(at('leaf.key'), 'utf8'),
    cert,
    leafSpki: createHash('sha256').update(spki).digest('base64'),
  };
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
