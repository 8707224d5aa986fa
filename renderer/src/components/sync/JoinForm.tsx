// Join with an invitation: the folder (chosen through the dialog), this computer's name, and the
// phrase typed (or the `trayotp-invite:` text of its QR code pasted). While the invitation file
// is still on its way the section says so; once joined, it shows the check code.
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { SyncView } from '../../../../preload/contract';
import { ErrorMessage, TextField } from '../Field';
import { api, attempt } from '../../lib/api';

export function JoinForm({
  view,
  folder,
  onView,
  onCancel,
}: {
  view: SyncView;
  folder: string;
  onView: (view: SyncView) => void;
  onCancel: () => void;
}) {
  const [text, setText] = useState('');
  const [name, setName] = useState(view.suggestedName);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setBusy(true);
    const result = await attempt(() =>
      api().syncJoin({ folder, invitation: text, deviceName: name }),
    );
    setBusy(false);
    if (!result.ok) setError(result.message);
    else onView(result.value.view);
  };
  // The invitation's QR code shown on this screen (a remote desktop, a photo of the other one).
  const scan = async () => {
    setError(null);
    const result = await attempt(() => api().syncScanInvitation());
    if (!result.ok) setError(result.message);
    else setText(result.value.invitation);
  };
  return (
    <form className="sync-join" onSubmit={submit} noValidate>
      <p className="hint">Folder: {folder}</p>
      <TextField
        label="Invitation phrase"
        value={text}
        autoComplete="off"
        spellCheck={false}
        hint="The 39 characters shown on the other computer (dashes and spaces do not matter), or the trayotp-invite: text of its QR code."
        onChange={(event) => setText(event.target.value)}
      />
      <div className="buttons">
        <button type="button" onClick={() => void scan()}>
          Scan QR from screen
        </button>
      </div>
      <TextField
        label="This computer's name"
        value={name}
        maxLength={64}
        onChange={(event) => setName(event.target.value)}
      />
      <ErrorMessage message={error} />
      <div className="buttons">
        <button type="submit" className="primary" disabled={busy || text.trim() === ''}>
          Join
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
