// Settings → Follow a phone's backups (issue 17). Off: choose the folder where the phone's
// authenticator leaves its backups (carried here by Syncthing or the like), see which app wrote
// them, give their password, and whether new accounts are added by themselves. Following: the
// folder, the app, the newest backup read, Check now, Stop; and what a newer backup changed, to
// merge in one click: additions (ticked), renames (only if ticked), removals (listed only).
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { api, attempt } from '../../lib/api';
import { ErrorMessage, TextField } from '../Field';
import { accountLabel, timeText, useFollowStatus } from './follow-actions';
import type { FollowFolderChoice, FollowPending, FollowStatus } from './follow-actions';
import './follow.css';

export function FollowSection() {
  const id = useId();
  const [status, setStatus] = useFollowStatus();
  return (
    <section className="follow-settings" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Follow a phone&apos;s backups</h2>
      {!status ? null : status.state === 'locked' ? (
        <p className="hint">Unlock TrayOTP to see the followed folder; it is read only then.</p>
      ) : status.state === 'off' ? (
        <FollowOff status={status} onStatus={setStatus} />
      ) : (
        <FollowOn status={status} onStatus={setStatus} />
      )}
    </section>
  );
}

interface Props {
  status: FollowStatus;
  onStatus: (status: FollowStatus) => void;
}

function FollowOff({ status, onStatus }: Props) {
  const [choice, setChoice] = useState<FollowFolderChoice | null>(null);
  const [password, setPassword] = useState('');
  const [autoAdd, setAutoAdd] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const choose = async () => {
    setError(null);
    const result = await attempt(() => api().followChooseFolder());
    if (!result.ok) setError(result.message);
    else if (result.value) setChoice(result.value);
  };
  const start = async (event: FormEvent) => {
    event.preventDefault();
    if (!choice) return;
    setError(null);
    setBusy(true);
    const result = await attempt(() =>
      api().followStart({ folder: choice.folder, password, autoAdd }),
    );
    setBusy(false);
    if (!result.ok) setError(result.message);
    else {
      setPassword('');
      onStatus(result.value);
    }
  };
  return (
    <>
      <p className="hint">
        Aegis and Ente Auth can write encrypted backups to a folder by themselves (2FAS only when
        you export); a sync program such as Syncthing can bring that folder here. TrayOTP then shows
        what each newer backup added, renamed or removed. It only reads that folder.
      </p>
      {status.error && <p className="field-error">{status.error}</p>}
      {!choice ? (
        <div className="buttons">
          <button type="button" className="primary" onClick={() => void choose()}>
            Choose folder…
          </button>
        </div>
      ) : (
        <form onSubmit={start} noValidate>
          <dl className="follow-facts">
            <dt>Folder</dt>
            <dd className="follow-folder">{choice.folder}</dd>
            <dt>Backups from</dt>
            <dd>
              {choice.app ? `${choice.app.label} (newest: ${choice.newest})` : 'no app found'}
            </dd>
          </dl>
          {choice.problem && <p className="field-error">{choice.problem}</p>}
          <TextField
            label="Backup password"
            type="password"
            autoComplete="off"
            value={password}
            maxLength={1024}
            hint="The password the phone's app encrypts its backups with; kept in TrayOTP's vault. Empty for unencrypted backups."
            onChange={(event) => setPassword(event.target.value)}
          />
          <label className="check">
            <input
              type="checkbox"
              checked={autoAdd}
              onChange={(event) => setAutoAdd(event.target.checked)}
            />
            Add new accounts automatically
          </label>
          <div className="buttons">
            <button type="submit" className="primary" disabled={busy || !choice.app}>
              {busy ? 'Reading the backup…' : 'Follow this folder'}
            </button>
            <button type="button" onClick={() => setChoice(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      <ErrorMessage message={error} />
    </>
  );
}

function FollowOn({ status, onStatus }: Props) {
  const [error, setError] = useState<string | null>(null);
  const act = async (action: () => ReturnType<typeof attempt<FollowStatus>>) => {
    setError(null);
    const result = await action();
    if (!result.ok) setError(result.message);
    else onStatus(result.value);
  };
  return (
    <>
      <dl className="follow-facts">
        <dt>Folder</dt>
        <dd className="follow-folder">{status.folder}</dd>
        <dt>Backups from</dt>
        <dd>{status.app?.label}</dd>
        <dt>Newest read</dt>
        <dd>
          {status.lastRead
            ? `${status.lastRead.file} (written ${timeText(status.lastRead.modifiedAt)})`
            : 'none yet'}
        </dd>
        <dt>New accounts</dt>
        <dd>{status.autoAdd ? 'added automatically' : 'added when you merge'}</dd>
        {status.lastMerge && (
          <>
            <dt>Last merge</dt>
            <dd>
              {mergeText(status.lastMerge)}, {timeText(status.lastMerge.at)}
            </dd>
          </>
        )}
      </dl>
      <p role="status" className="hint">
        {status.checking
          ? 'Reading the folder…'
          : status.pending
            ? null
            : status.error
              ? null
              : 'Nothing to merge: TrayOTP has what the newest backup has.'}
      </p>
      {status.error && <p className="field-error">{status.error}</p>}
      {status.pending && (
        <PendingMerge
          key={status.pending.file}
          pending={status.pending}
          onMerged={onStatus}
          setError={setError}
        />
      )}
      <div className="buttons">
        <button
          type="button"
          disabled={status.checking}
          onClick={() => void act(() => attempt(() => api().followCheckNow()))}
        >
          Check now
        </button>
        <button type="button" onClick={() => void act(() => attempt(() => api().followStop()))}>
          Stop following
        </button>
      </div>
      <ErrorMessage message={error} />
    </>
  );
}

function mergeText(merge: NonNullable<FollowStatus['lastMerge']>): string {
  const parts = [`${merge.added} added`];
  if (merge.updated > 0) parts.push(`${merge.updated} renamed`);
  return parts.join(', ');
}

function PendingMerge({
  pending,
  onMerged,
  setError,
}: {
  pending: FollowPending;
  onMerged: (status: FollowStatus) => void;
  setError: (message: string | null) => void;
}) {
  const id = useId();
  // Additions are ticked, renames are not: a rename changes what TrayOTP shows.
  const [add, setAdd] = useState(() => new Set(pending.added.map((a) => a.id)));
  const [change, setChange] = useState(() => new Set<string>());
  const [busy, setBusy] = useState(false);
  const toggle = (set: Set<string>, item: string, on: boolean) => {
    const next = new Set(set);
    if (on) next.add(item);
    else next.delete(item);
    return next;
  };
  const merge = async () => {
    setError(null);
    setBusy(true);
    const result = await attempt(() =>
      api().followMerge({ addIds: [...add], changeIds: [...change] }),
    );
    setBusy(false);
    if (!result.ok) setError(result.message);
    else onMerged(result.value);
  };
  return (
    <div className="follow-pending" role="group" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Changes in {pending.file}</h3>
      {pending.added.length > 0 && (
        <fieldset>
          <legend>New on the phone ({pending.added.length})</legend>
          {pending.added.map((account) => (
            <label className="check" key={account.id}>
              <input
                type="checkbox"
                checked={add.has(account.id)}
                onChange={(event) => setAdd(toggle(add, account.id, event.target.checked))}
              />
              Add {accountLabel(account)}
            </label>
          ))}
        </fieldset>
      )}
      {pending.changed.length > 0 && (
        <fieldset>
          <legend>Renamed on the phone ({pending.changed.length})</legend>
          {pending.changed.map((item) => (
            <label className="check" key={item.id}>
              <input
                type="checkbox"
                checked={change.has(item.id)}
                onChange={(event) => setChange(toggle(change, item.id, event.target.checked))}
              />
              Update {accountLabel(item.before)} to {accountLabel(item.after)}
            </label>
          ))}
        </fieldset>
      )}
      {pending.removed.length > 0 && (
        <div className="follow-removed">
          <p>Gone from the phone ({pending.removed.length}); still here until you delete them:</p>
          <ul>
            {pending.removed.map((account) => (
              <li key={account.id}>{accountLabel(account)}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="buttons">
        <button type="button" className="primary" disabled={busy} onClick={() => void merge()}>
          {busy ? 'Merging…' : 'Merge'}
        </button>
      </div>
      <p className="hint">What you leave unticked is not offered again.</p>
    </div>
  );
}
