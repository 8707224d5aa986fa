// Pairing codes and sealed sessions: both sides derive the same keys only with the right long-term
// keys; a replayed, reordered or altered message is refused and the next genuine one still opens.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  cryptoReady,
  newKeyPair,
  pairingCode,
  SecureChannel,
  sessionKeys,
} from '../../../main/browser/session-crypto';
import type { KeyPair } from '../../../main/browser/session-crypto';

beforeAll(() => cryptoReady());

function pair(appStaticSeenByExtension?: KeyPair) {
  const ext = newKeyPair();
  const app = newKeyPair();
  const extEph = newKeyPair();
  const appEph = newKeyPair();
  const extension = new SecureChannel(
    sessionKeys({
      role: 'extension',
      staticKey: ext,
      ephemeral: extEph,
      peerStatic: (appStaticSeenByExtension ?? app).publicKey,
      peerEphemeral: appEph.publicKey,
    }),
  );
  const appSide = new SecureChannel(
    sessionKeys({
      role: 'app',
      staticKey: app,
      ephemeral: appEph,
      peerStatic: ext.publicKey,
      peerEphemeral: extEph.publicKey,
    }),
  );
  return { extension, app: appSide, ext, appKey: app };
}

describe('session crypto', () => {
  it('opens in order, both ways', () => {
    const { extension, app } = pair();
    expect(app.open(extension.seal({ a: 1 }))).toEqual({ a: 1 });
    expect(app.open(extension.seal({ a: 2 }))).toEqual({ a: 2 });
    expect(extension.open(app.seal('reply'))).toBe('reply');
  });

  it('refuses a replayed message, a skipped one and an altered one; the next genuine one opens', () => {
    const { extension, app } = pair();
    const first = extension.seal('one');
    expect(app.open(first)).toBe('one');
    expect(() => app.open(first)).toThrow(expect.objectContaining({ code: 'replayed' }));
    const second = extension.seal('two');
    const third = extension.seal('three');
    expect(() => app.open(third)).toThrow(expect.objectContaining({ code: 'replayed' }));
    const altered = { ...second, c: second.c.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) };
    expect(() => app.open(altered)).toThrow(expect.objectContaining({ code: 'bad-message' }));
    expect(app.open(second)).toBe('two');
    expect(app.open(third)).toBe('three');
  });

  it('a message sealed for one direction does not open in the other', () => {
    const { extension } = pair();
    const sealed = extension.seal('x');
    expect(() => extension.open(sealed)).toThrow(expect.objectContaining({ code: 'bad-message' }));
  });

  it('an impostor without the paired app key derives other keys', () => {
    const impostor = newKeyPair();
    const { extension, app } = pair(impostor);
    expect(() => app.open(extension.seal('x'))).toThrow(
      expect.objectContaining({ code: 'bad-message' }),
    );
  });

  it('a message from one session does not open in another', () => {
    const a = pair();
    const b = pair();
    expect(() => b.app.open(a.extension.seal('x'))).toThrow(
      expect.objectContaining({ code: 'bad-message' }),
    );
  });

  it('the pairing code is six digits, the same on both sides, different for other keys', () => {
    const ext = newKeyPair().publicKey;
    const app = newKeyPair().publicKey;
    expect(pairingCode(ext, app)).toMatch(/^\d{3} \d{3}$/);
    expect(pairingCode(ext, app)).toBe(pairingCode(ext, app));
    expect(pairingCode(ext, newKeyPair().publicKey)).not.toBe(pairingCode(ext, app));
  });

  it('refuses a low-order peer key', () => {
    const zero = new Uint8Array(32);
    expect(() =>
      sessionKeys({
        role: 'app',
        staticKey: newKeyPair(),
        ephemeral: newKeyPair(),
        peerStatic: zero,
        peerEphemeral: zero,
      }),
    ).toThrow();
  });
});
