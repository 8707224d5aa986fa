// The pairing and session cryptography, shared by the app and the extension (libsodium).
//
// Each side has a long-term X25519 key: the extension one per browser profile, the app one per
// user. Pairing pins each side's public key on the other, after the person approved it in
// TrayOTP's window while both showed the same short code (derived from both keys). Every
// connection then makes fresh ephemeral keys and derives its two session keys from all four
// Diffie–Hellman results and the transcript (in the manner of Noise KK), so a session proves both
// long-term keys and a recorded session cannot be replayed into another. Messages are sealed with
// XChaCha20-Poly1305; the nonce is the message's number, which must be exactly the next one.
import sodium from 'libsodium-wrappers';

export interface KeyPair {
  publicKey: Uint8Array;
  privateKey: Uint8Array;
}

export async function cryptoReady(): Promise<void> {
  await sodium.ready;
}

export function newKeyPair(): KeyPair {
  const { publicKey, privateKey } = sodium.crypto_box_keypair();
  return { publicKey, privateKey };
}

export function publicKeyOf(privateKey: Uint8Array): Uint8Array {
  return sodium.crypto_scalarmult_base(privateKey);
}

export const toBase64 = (bytes: Uint8Array): string =>
  sodium.to_base64(bytes, sodium.base64_variants.ORIGINAL);

export function fromBase64(text: string): Uint8Array {
  return sodium.from_base64(text, sodium.base64_variants.ORIGINAL);
}

const encoder = new TextEncoder();

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** The six digits both sides show while pairing ("123 456"). */
export function pairingCode(extensionKey: Uint8Array, appKey: Uint8Array): string {
  const hash = sodium.crypto_generichash(
    8,
    concat(encoder.encode('trayotp pairing v1'), extensionKey, appKey),
    null,
  );
  const n = new DataView(hash.buffer, hash.byteOffset, 8).getBigUint64(0) % 1_000_000n;
  const digits = n.toString().padStart(6, '0');
  return `${digits.slice(0, 3)} ${digits.slice(3)}`;
}

/** Hex fingerprint of a public key: names a pairing in lists without being the key. */
export function fingerprint(publicKey: Uint8Array): string {
  return sodium.to_hex(sodium.crypto_generichash(8, publicKey, null));
}

export interface SessionKeys {
  send: Uint8Array;
  receive: Uint8Array;
}

export interface HandshakeSide {
  role: 'extension' | 'app';
  staticKey: KeyPair;
  ephemeral: KeyPair;
  peerStatic: Uint8Array;
  peerEphemeral: Uint8Array;
}

/** Both directions' keys for one connection. Throws on a degenerate (low-order) peer key. */
export function sessionKeys(side: HandshakeSide): SessionKeys {
  const ext = side.role === 'extension';
  const dh = (mine: KeyPair, theirs: Uint8Array) =>
    sodium.crypto_scalarmult(mine.privateKey, theirs);
  // Same four secrets on both sides, in the same order: ee, es(ext static × app eph), se, ss.
  const ee = dh(side.ephemeral, side.peerEphemeral);
  const extStaticAppEph = ext
    ? dh(side.staticKey, side.peerEphemeral)
    : dh(side.ephemeral, side.peerStatic);
  const extEphAppStatic = ext
    ? dh(side.ephemeral, side.peerStatic)
    : dh(side.staticKey, side.peerEphemeral);
  const ss = dh(side.staticKey, side.peerStatic);
  const [extStatic, appStatic] = ext
    ? [side.staticKey.publicKey, side.peerStatic]
    : [side.peerStatic, side.staticKey.publicKey];
  const [extEph, appEph] = ext
    ? [side.ephemeral.publicKey, side.peerEphemeral]
    : [side.peerEphemeral, side.ephemeral.publicKey];
  const okm = sodium.crypto_generichash(
    64,
    concat(
      encoder.encode('trayotp session v1'),
      ee,
      extStaticAppEph,
      extEphAppStatic,
      ss,
      extStatic,
      appStatic,
      extEph,
      appEph,
    ),
    null,
  );
  const toApp = okm.slice(0, 32);
  const toExtension = okm.slice(32);
  return ext ? { send: toApp, receive: toExtension } : { send: toExtension, receive: toApp };
}

function nonceFor(n: number): Uint8Array {
  const nonce = new Uint8Array(sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  new DataView(nonce.buffer).setBigUint64(0, BigInt(n), true);
  return nonce;
}

export class SessionError extends Error {
  constructor(
    readonly code: 'replayed' | 'bad-message',
    message: string,
  ) {
    super(message);
    this.name = 'SessionError';
  }
}

/**
 * One direction-pair of a session: seals outgoing messages with increasing numbers, opens
 * incoming ones only in order. A replayed, reordered or forged message is refused and changes
 * nothing, so the next genuine message still opens.
 */
export class SecureChannel {
  #sent = 0;
  #expected = 0;

  constructor(private readonly keys: SessionKeys) {}

  seal(message: unknown): { t: 'msg'; n: number; c: string } {
    const n = this.#sent++;
    const box = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
      encoder.encode(JSON.stringify(message)),
      encoder.encode(`n=${n}`),
      null,
      nonceFor(n),
      this.keys.send,
    );
    return { t: 'msg', n, c: toBase64(box) };
  }

  open(frame: { n: number; c: string }): unknown {
    if (frame.n !== this.#expected) {
      throw new SessionError(
        'replayed',
        frame.n < this.#expected
          ? `Message ${frame.n} was already received; a replayed message is refused.`
          : `Message ${frame.n} arrived before message ${this.#expected}; it is refused.`,
      );
    }
    let plain: Uint8Array;
    try {
      plain = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
        null,
        fromBase64(frame.c),
        encoder.encode(`n=${frame.n}`),
        nonceFor(frame.n),
        this.keys.receive,
      );
    } catch {
      throw new SessionError('bad-message', 'A message did not authenticate; it is refused.');
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain));
    } catch {
      throw new SessionError('bad-message', 'A message was not JSON; it is refused.');
    }
    this.#expected++;
    return parsed;
  }
}
