// Invite a device: the QR code TrayOTP's own scanner reads on the other computer, the phrase to
// type there in groups of four, the time left; then, once the new device's card arrives, its
// name and the check code to compare with the code on its screen.
import { useId } from 'react';
import type { SyncInvitationView, SyncView } from '../../../../preload/contract';
import { QrCode } from './QrCode';
import { countdown, spacedCode } from './sync-text';

export function InvitationPanel({
  invitation,
  status,
  now,
  onClose,
}: {
  invitation: SyncInvitationView;
  status: SyncView['invitation'];
  now: number;
  onClose: () => void;
}) {
  const id = useId();
  const newDevice = status?.newDevice ?? null;
  const expired = invitation.expiresAt <= now;
  const groups = invitation.phrase.split('-');
  return (
    <section className="sync-invitation" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Invite a device</h3>
      {newDevice ? (
        <>
          <p role="status">
            <strong>{newDevice.name ?? 'A new device'}</strong> joined. Check that it shows the same
            code:
          </p>
          <p
            className="sync-check-code"
            aria-label={`Check code ${newDevice.checkCode.split('').join(' ')}`}
          >
            {spacedCode(newDevice.checkCode)}
          </p>
          <p className="hint">
            If the codes differ, remove that device below: someone else used the invitation.
          </p>
        </>
      ) : expired ? (
        <p role="status">This invitation has expired. Make a new one.</p>
      ) : (
        <>
          <p className="hint">
            On the other computer: Settings → Sync → Join with an invitation, then scan this code
            with <em>Scan QR from screen</em> or type the phrase.
          </p>
          <QrCode text={invitation.qrText} label="Invitation QR code" />
          <p className="sync-phrase" aria-label="Invitation phrase">
            {groups.map((group, index) => (
              <span key={index}>{group}</span>
            ))}
          </p>
          <p className="hint" role="timer" aria-live="off">
            Expires in {countdown(invitation.expiresAt, now)}. Waiting for the other computer…
          </p>
        </>
      )}
      <div className="buttons">
        <button type="button" onClick={onClose}>
          {newDevice ? 'Done' : 'Close'}
        </button>
      </div>
    </section>
  );
}
