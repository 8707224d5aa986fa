// The invitation this device made, until its device arrives: the first device of the group not
// there when it was made, once its card reads, is the one to compare the check code with.
import { checkCode } from '../../sync';
import type { SyncKey, SyncStatus } from '../../sync';
import type { SyncView } from './sync-view';

type NewDevice = NonNullable<SyncView['invitation']>['newDevice'];

export class OwnInvitation {
  newDevice: NewDevice = null;
  /** Devices in the group when it was made. */
  readonly #known: Set<string>;

  constructor(
    readonly invite: string,
    readonly key: SyncKey,
    readonly expiresAt: number,
    devices: readonly { device: string }[],
  ) {
    this.#known = new Set(devices.map((d) => d.device));
  }

  /** Notes the new device when a status first shows it. */
  noteStatus(status: SyncStatus): void {
    if (this.newDevice) return;
    const newcomer = status.devices.find(
      (d) => !d.thisDevice && !this.#known.has(d.device) && d.name !== undefined,
    );
    if (newcomer) {
      this.newDevice = {
        device: newcomer.device,
        name: newcomer.name ?? null,
        checkCode: checkCode(this.key, this.invite, newcomer.device),
      };
    }
  }

  /** For the window: while it may still be used, or once its device arrived. */
  view(now: number): SyncView['invitation'] {
    return this.expiresAt > now || this.newDevice
      ? { expiresAt: this.expiresAt, newDevice: this.newDevice }
      : null;
  }
}
