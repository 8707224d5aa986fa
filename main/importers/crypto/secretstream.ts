// libsodium's crypto_secretstream_xchacha20poly1305 (what Ente uses for every encrypted blob),
// from libsodium-wrappers (libsodium compiled to WebAssembly, kept by libsodium's author).
// Loaded on first use: the WebAssembly module is only needed when such a file is imported.
import sodium from 'libsodium-wrappers';

export const HEADER_BYTES = 24;

export type SecretstreamResult =
  | { ok: true; plain: Uint8Array; tag: number }
  /** 'auth': the chunk does not authenticate (wrong key, or changed); 'format': not a chunk. */
  | { ok: false; why: 'auth' | 'format' };

/**
 * Decrypts a blob the way Ente's apps read one (ente_crypto chachaDecryptData, and
 * ente_crypto_dart's, which pulls with requireFinalized: false): the whole ciphertext is ONE
 * chunk, pulled once, whatever its tag. Ente's mobile app pushes it tagged FINAL; its desktop app
 * (ente_crypto_dart before November 2025) pushed it tagged MESSAGE and dropped the empty FINAL
 * chunk that followed, so a reader that insists on FINAL calls a right password wrong.
 */
export async function secretstreamDecryptChunk(
  key: Uint8Array,
  header: Uint8Array,
  ciphertext: Uint8Array,
): Promise<SecretstreamResult> {
  await sodium.ready;
  if (header.length !== HEADER_BYTES || key.length !== 32) return { ok: false, why: 'format' };
  if (ciphertext.length < sodium.crypto_secretstream_xchacha20poly1305_ABYTES) {
    return { ok: false, why: 'format' };
  }
  let state;
  try {
    state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(header, key);
  } catch {
    return { ok: false, why: 'format' };
  }
  let pulled: { message: Uint8Array; tag: number } | false;
  try {
    pulled = sodium.crypto_secretstream_xchacha20poly1305_pull(state, ciphertext, null);
  } catch {
    pulled = false; // libsodium-wrappers throws when the Poly1305 tag does not verify
  }
  if (!pulled) return { ok: false, why: 'auth' };
  return { ok: true, plain: pulled.message, tag: pulled.tag };
}

/** One-chunk encryption as Ente writes it, tagged FINAL (mobile) or MESSAGE (desktop). */
export async function secretstreamEncrypt(
  key: Uint8Array,
  plain: Uint8Array,
  tag: 'final' | 'message' = 'final',
): Promise<{ header: Uint8Array; ciphertext: Uint8Array }> {
  await sodium.ready;
  const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(key);
  const ciphertext = sodium.crypto_secretstream_xchacha20poly1305_push(
    state,
    plain,
    null,
    tag === 'final'
      ? sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL
      : sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE,
  );
  return { header, ciphertext };
}
