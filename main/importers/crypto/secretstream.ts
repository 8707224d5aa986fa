// libsodium's crypto_secretstream_xchacha20poly1305 (what Ente uses for every encrypted blob),
// from libsodium-wrappers (libsodium compiled to WebAssembly, kept by libsodium's author).
// Loaded on first use: the WebAssembly module is only needed when such a file is imported.
import sodium from 'libsodium-wrappers';

export const HEADER_BYTES = 24;

/** Decrypts a whole stream; undefined when any chunk fails to authenticate or it is cut short. */
export async function secretstreamDecrypt(
  key: Uint8Array,
  header: Uint8Array,
  ciphertext: Uint8Array,
  chunkBytes = ciphertext.length,
): Promise<Uint8Array | undefined> {
  await sodium.ready;
  if (header.length !== HEADER_BYTES || key.length !== 32) return undefined;
  const overhead = sodium.crypto_secretstream_xchacha20poly1305_ABYTES;
  let state;
  try {
    state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(header, key);
  } catch {
    return undefined;
  }
  const parts: Uint8Array[] = [];
  for (let offset = 0; offset < ciphertext.length;) {
    const chunk = ciphertext.subarray(offset, offset + chunkBytes + overhead);
    offset += chunk.length;
    let pulled;
    try {
      pulled = sodium.crypto_secretstream_xchacha20poly1305_pull(state, chunk, null);
    } catch {
      return undefined;
    }
    if (!pulled) return undefined;
    parts.push(pulled.message);
    const final = pulled.tag === sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL;
    if (final !== offset >= ciphertext.length) return undefined;
  }
  return parts.length === 0 ? undefined : Buffer.concat(parts);
}

/** One-chunk encryption as Ente writes it (used by the tests' round trip). */
export async function secretstreamEncrypt(
  key: Uint8Array,
  plain: Uint8Array,
): Promise<{ header: Uint8Array; ciphertext: Uint8Array }> {
  await sodium.ready;
  const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(key);
  const ciphertext = sodium.crypto_secretstream_xchacha20poly1305_push(
    state,
    plain,
    null,
    sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL,
  );
  return { header, ciphertext };
}
