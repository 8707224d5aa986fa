// An Ente Auth encrypted backup as its LocalBackupService writes it (ente-io/ente
// mobile/apps/auth/lib/services/local_backup_service.dart: the encrypted export format), with a
// cheap KDF so tests stay fast (Ente itself uses 256 MiB × 16 passes).
import { randomBytes } from 'node:crypto';
import { argon2idKey } from '../../../main/importers/crypto/kdf';
import { secretstreamEncrypt } from '../../../main/importers/crypto/secretstream';

export async function enteBackup(otpauthLines: string, password: string): Promise<string> {
  const salt = randomBytes(16);
  const kdf = { memLimit: 8 * 1024 * 1024, opsLimit: 2 };
  const key = await argon2idKey(
    password,
    salt,
    { iterations: kdf.opsLimit, memoryKiB: kdf.memLimit / 1024, parallelism: 1 },
    32,
  );
  const { header, ciphertext } = await secretstreamEncrypt(
    key,
    new TextEncoder().encode(otpauthLines),
  );
  return JSON.stringify({
    version: 1,
    kdfParams: { ...kdf, salt: salt.toString('base64') },
    encryptedData: Buffer.from(ciphertext).toString('base64'),
    encryptionNonce: Buffer.from(header).toString('base64'),
  });
}
