// The invitation this device made, until its device arrives: the device whose join request the
// engine verified against this invitation's secret (G4), never merely the first newcomer, so
// overlapping or back-to-back invitations each show the check code of their own device.
import { checkCode } from '../../sync';
import type { SyncKey, SyncStatus } from '../../sync';
import type { SyncView } from '../../../preload/views/sync';

type NewDevice = NonNullable<SyncView['invitation']>['newDevice'];

export class OwnInvitation {
  newDevice: NewDevice = null;
  /** The device the engine introduced with this invitation; its name comes with its card. */
  #device: string | undefined;

  constructor(
    readonly invite: string,
    readonly key: SyncKey,
    readonly expiresAt: number,
  ) {}

  /** The engine introduced `device` through invitation `invite` (ignored if it is another). */
  noteIntroduced(invite: string, device: string, status: SyncStatus | undefined): void {
    if (invite !== this.invite || this.#device) return;
    this.#device = device;
    if (status) this.noteStatus(status);
  }

  /** Fills in the device once it is known and a status shows its name. */
  noteStatus(status: SyncStatus): void {
    if (this.newDevice || !this.#device) return;
    const joined = status.devices.find((d) => d.device === this.#device);
    if (joined?.name === undefined) return;
    this.newDevice = {
      device: joined.device,
      name: joined.name,
      checkCode: checkCode(this.key, this.invite, joined.device),
    };
  }

  /** For the window: while it may still be used, or once its device arrived. */
  view(now: number): SyncView['invitation'] {
    return this.expiresAt > now || this.newDevice
      ? { expiresAt: this.expiresAt, newDevice: this.newDevice }
      : null;
  }
}
