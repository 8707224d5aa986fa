// A certificate authority for one test run, made with openssl: a CA trusted by the test only
// (passed as `ca`, or to a child process as NODE_EXTRA_CA_CERTS) and a certificate it signed for
// 127.0.0.1 and localhost. Nothing is added to any system trust store.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCa {
  /** PEM of the CA certificate: what a client trusts. */
  caPem: string;
  /** Path of that PEM, for NODE_EXTRA_CA_CERTS. */
  caFile: string;
  /** The server's key and certificate (signed by the CA) for 127.0.0.1 / localhost. */
  key: string;
  cert: string;
  /** A certificate for the same names that no one trusts (self-signed, not by the CA). */
  untrusted: { key: string; cert: string };
  remove: () => void;
}

/**
 * `hosts` adds names to the leaf (the browser suite's sites); `dir` keeps the files somewhere
 * chosen. Chromium wants the leaf's key usage and constraints spelled out; Node takes them too.
 */
export function makeTestCa(options: { hosts?: readonly string[]; dir?: string } = {}): TestCa {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'trayotp-ca-'));
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
    '/CN=TrayOTP test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
  const names = [...(options.hosts ?? []).map((h) => `DNS:${h}`), 'DNS:localhost', 'IP:127.0.0.1'];
  writeFileSync(
    at('leaf.ext'),
    `subjectAltName=${names.join(',')}\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n`,
  );
  openssl(
    'req',
    ...ec,
    '-keyout',
    at('leaf.key'),
    '-out',
    at('leaf.csr'),
    '-subj',
    '/CN=localhost',
  );
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
  openssl(
    'req',
    '-x509',
    ...ec,
    '-keyout',
    at('self.key'),
    '-out',
    at('self.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=localhost',
    '-addext',
    'subjectAltName=IP:127.0.0.1,DNS:localhost',
  );
  const read = (name: string) => readFileSync(at(name), 'utf8');
  return {
    caPem: read('ca.pem'),
    caFile: at('ca.pem'),
    key: read('leaf.key'),
    cert: read('leaf.pem'),
    untrusted: { key: read('self.key'), cert: read('self.pem') },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
