// Battle.net Authenticator (com.blizzard.messenger) keeps its one authenticator in shared_prefs:
// the serial and the device secret, each as hex text XOR-masked with a fixed 56-byte key (the
// app's own obfuscation, not encryption). Unmasked, the secret is the hex of a 20-byte key;
// codes are TOTP SHA1, 8 digits, 30 s.
import { sharedPrefsOf } from './android-prefs';
import { EntryCollector } from './entries';
import { ImportError } from './errors';
import type { Detection, ImportInput, ImportResult, Importer } from './types';

const SECRET_KEY = 'com.blizzard.messenger.AUTHENTICATOR_DEVICE_SECRET';
const SERIAL_KEY = 'com.blizzard.messenger.AUTHENTICATOR_SERIAL';
const MASK = Buffer.from(
  '398e27fc50276a656065b0e525f4c06c04c61075286b8e7aeda59da9813b5dd6c80d2fb38068773fa59ba47c17ca6c6479015c1d5b8b8f6b9a',
  'hex',
);

/** The masked text un-XORed, or undefined when it is not hex or longer than the mask. */
export function unmaskBattleNet(masked: string): string | undefined {
  if (!/^([0-9a-fA-F]{2})*$/.test(masked) || masked.length / 2 > MASK.length) return undefined;
  const bytes = Buffer.from(masked, 'hex');
  return String.fromCharCode(...bytes.map((byte, i) => byte ^ MASK[i]!));
}

function prefsOf(input: ImportInput) {
  return sharedPrefsOf(input.bytes);
}

export const battleNetImporter: Importer = {
  id: 'battlenet',
  label: 'Battle.net Authenticator',
  detect(input: ImportInput): Detection {
    return { confidence: prefsOf(input)?.has(SECRET_KEY) ? 2 : 0, encrypted: false };
  },
  async read(input: ImportInput): Promise<ImportResult> {
    const prefs = prefsOf(input);
    const masked = prefs?.get(SECRET_KEY);
    if (!prefs || masked === undefined) {
      throw new ImportError(
        'damaged',
        `"${input.fileName}" holds no Battle.net authenticator secret (${SECRET_KEY}).`,
      );
    }
    const serial = unmaskBattleNet(prefs.get(SERIAL_KEY) ?? '') ?? '';
    const collector = new EntryCollector();
    const secretHex = unmaskBattleNet(masked);
    if (secretHex === undefined || !/^([0-9a-fA-F]{2})+$/.test(secretHex)) {
      collector.skip(
        serial || 'Battle.net',
        'Its masked device secret does not unmask to a hex key.',
      );
    } else {
      collector.add({
        issuer: 'Battle.net',
        name: serial,
        secret: Buffer.from(secretHex, 'hex'),
        digits: 8,
      });
    }
    return { format: 'battlenet', entries: collector.entries, skipped: collector.skipped };
  },
};
