// The phone apps whose backup files can be followed (docs/sync.md § Following a phone's
// backups): the names each writes, and the importer that reads them. A file is recognised by its
// name only; what is inside is the importer's to judge.
import { aegisImporter } from '../importers/aegis';
import { enteImporter } from '../importers/ente';
import { twofasImporter } from '../importers/twofas';
import type { Importer } from '../importers/types';
import type { FollowedAppId } from '../../preload/views/follow';

/** The followed apps' ids, as the window names them. */
export type BackupApp = FollowedAppId;

export interface BackupAppInfo {
  id: BackupApp;
  label: string;
  pattern: RegExp;
  importer: Importer;
}

/**
 * Aegis (beemdevelopment/Aegis VaultBackupManager): automatic backups
 * `aegis-backup-yyyyMMdd-HHmmss.json` (a `-N` suffix on a name clash), written to the folder the
 * person chose; manual exports `aegis-export-….json` (`-plain` when unencrypted).
 */
export const AEGIS_BACKUP_NAME = /^aegis-(backup|export)(-plain)?-[\w.-]*\.json$/;

/**
 * 2FAS Auth (twofas/2fas-android ExportBackupPresenter): exports are
 * `2fas-backup-yyyyMMddHHmmss.2fas`. 2FAS makes no automatic backup to a folder: its automatic
 * backup goes to Google Drive's hidden app folder (GoogleDriveImpl, `appDataFolder`), which no
 * sync tool can see. So a 2FAS folder is followed as the person exports into it by hand.
 */
export const TWOFAS_BACKUP_NAME = /^2fas-backup-[\d-]+\.2fas$/;

/**
 * Ente Auth (ente-io/ente mobile/apps/auth/lib/services/local_backup_service.dart): with
 * automatic backups on, a daily encrypted export `ente-auth-daily-backup-yyyy-MM-dd_HH-mm-ss.json`
 * (and `ente-auth-manual-backup-…` from its Backup now; `ente-auth-auto-backup-…` in older
 * builds) in the folder the person chose, the same format as its encrypted export. Its manual
 * export (`ente-auth-codes-yyyy-MM-dd.txt`) may be plain text, so it is not followed.
 */
export const ENTE_BACKUP_NAME = /^ente-auth-(daily|manual|auto)-backup-[\w.-]*\.json$/;

export const BACKUP_APPS: Readonly<Record<BackupApp, BackupAppInfo>> = {
  aegis: { id: 'aegis', label: 'Aegis', pattern: AEGIS_BACKUP_NAME, importer: aegisImporter },
  '2fas': { id: '2fas', label: '2FAS Auth', pattern: TWOFAS_BACKUP_NAME, importer: twofasImporter },
  ente: { id: 'ente', label: 'Ente Auth', pattern: ENTE_BACKUP_NAME, importer: enteImporter },
};

/** Which app wrote a file of this name, if any. */
export function backupAppOf(name: string): BackupApp | undefined {
  return Object.values(BACKUP_APPS).find((app) => app.pattern.test(name))?.id;
}
