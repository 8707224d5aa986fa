// Each device's own key pairs (docs/sync.md § Keys, device removal): Ed25519 to sign a key
// rotation, X25519 to receive the new sync key. The public halves travel in the device card;
// the private halves stay in the device's secret store with the sync key.
import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  sign,
  verify,
} from 'node:crypto';

export interface DeviceKeys {
  /** base64 DER (SPKI) public keys and (PKCS#8) private keys. */
  signPublic: string;
  signPrivate: string;
  dhPublic: string;
  dhPrivate: string;
}

export interface KeyWrap {
  eph: string;
  nonce: string;
  ct: string;
}

const der = (
  key: { export(options: { format: 'der'; type: 'spki' | 'pkcs8' }): Buffer },
  type: 'spki' | 'pkcs8',
) => key.export({ format: 'der', type }).toString('base64');

export function newDeviceKeys(): DeviceKeys {
  const signing = generateKeyPairSync('ed25519');
  const agreement = generateKeyPairSync('x25519');
  return {
    signPublic: der(signing.publicKey, 'spki'),
    signPrivate: der(signing.privateKey, 'pkcs8'),
    dhPublic: der(agreement.publicKey, 'spki'),
    dhPrivate: der(agreement.privateKey, 'pkcs8'),
  };
}

const publicKey = (b64: string) =>
  createPublicKey({ key: Buffer.from(b64, 'base64'), format: 'der', type: 'spki' });
const privateKey = (b64: string) =>
  createPrivateKey({ key: Buffer.from(b64, 'base64'), format: 'der', type: 'pkcs8' });

export function signBytes(keys: DeviceKeys, bytes: Uint8Array): string {
  return sign(null, bytes, privateKey(keys.signPrivate)).toString('base64');
}

export function verifyBytes(signPublic: string, bytes: Uint8Array, signature: string): boolean {
  try {
    return verify(null, bytes, publicKey(signPublic), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

function wrapKey(shared: Buffer, context: string): Buffer {
  return Buffer.from(
    hkdfSync('sha256', shared, Buffer.alloc(0), `TrayOTP key wrap v1|${context}`, 32),
  );
}

/** Encrypts `secret` so only the holder of `dhPublic`'s private key can read it. */
export function wrapFor(dhPublic: string, secret: Uint8Array, context: string): KeyWrap {
  const eph = generateKeyPairSync('x25519');
  const shared = diffieHellman({ privateKey: eph.privateKey, publicKey: publicKey(dhPublic) });
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', wrapKey(shared, context), nonce);
  const ct = Buffer.concat([cipher.update(secret), cipher.final(), cipher.getAuthTag()]);
  return {
    eph: der(eph.publicKey, 'spki'),
    nonce: nonce.toString('base64'),
    ct: ct.toString('base64'),
  };
}

export function unwrapWith(keys: DeviceKeys, wrap: KeyWrap, context: string): Buffer | undefined {
  try {
    const shared = diffieHellman({
      privateKey: privateKey(keys.dhPrivate),
      publicKey: publicKey(wrap.eph),
    });
    const ct = Buffer.from(wrap.ct, 'base64');
    const decipher = createDecipheriv(
      'aes-256-gcm',
      wrapKey(shared, context),
      Buffer.from(wrap.nonce, 'base64'),
    );
    decipher.setAuthTag(ct.subarray(ct.length - 16));
    return Buffer.concat([decipher.update(ct.subarray(0, ct.length - 16)), decipher.final()]);
  } catch {
    return undefined;
  }
}
