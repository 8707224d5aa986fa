// Text that arrives from another device (docs/sync.md § Guarantees, G7): an account's issuer and
// name, its tags, and a device's name pass the same cleaning gate as an import (otp/validate.ts's
// label check: displaySafe, then trimmed), so `Bank\u202Eevil\e[2J` shows as `Bankevil[2J` and
// cannot reorder or act on what is around it. Every device cleans the same way, so the merge
// still picks the same value everywhere.
import { displaySafe } from '../otp/display-text';
import type { SyncRecord } from './records';

/** A label as the import gate leaves it. */
export function cleanLabel(value: string): string {
  return displaySafe(value).trim();
}

/** The record with its text cleaned; the same object when there was nothing to clean. */
export function cleanRecord(record: SyncRecord): SyncRecord {
  switch (record.f) {
    case 'issuer':
    case 'name': {
      const v = cleanLabel(record.v);
      return v === record.v ? record : { ...record, v };
    }
    case 'tags': {
      const v = record.v.map(cleanLabel).filter((tag) => tag !== '');
      const same = v.length === record.v.length && v.every((tag, i) => tag === record.v[i]);
      return same ? record : { ...record, v };
    }
    default:
      return record;
  }
}

/** A device's name from its card; the device id when nothing is left of it. */
export function cleanDeviceName(name: string, device: string): string {
  return cleanLabel(name) || device;
}
