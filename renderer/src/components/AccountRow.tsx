// One account in the codes list: icon, issuer and name, the code grouped for reading, the
// countdown ring and, in the last seconds, the code that comes next. A counter-based (HOTP) code
// is computed only when asked for (showing one uses it up), so its row offers Show code.
import { memo, useEffect } from 'react';
import type { DragEvent } from 'react';
import type { AccountView, CodeView } from '../../../preload/contract';
import { useNow } from '../lib/clock';
import { groupCode, secondsLeft } from '../lib/format';
import { AccountIcon } from './AccountIcon';
import { CountdownRing } from './CountdownRing';
import { useNotify } from './Toasts';
import { plural } from '../lib/plural';
import './account-row.css';

/** The next code is shown (and the expiry announced) from this many seconds before the turn. */
export const NEXT_CODE_SECONDS = 5;

function Countdown({
  account,
  code,
  active,
}: {
  account: AccountView;
  code: CodeView;
  active: boolean;
}) {
  const now = useNow();
  const { announce } = useNotify();
  const left = code.validUntil === null ? null : secondsLeft(code.validUntil, now);
  const soon = left !== null && left <= NEXT_CODE_SECONDS;
  useEffect(() => {
    if (active && left === NEXT_CODE_SECONDS) {
      announce(`The ${account.issuer || account.name} code expires in ${plural(left, 'second')}.`);
    }
  }, [active, left, announce, account.issuer, account.name]);
  return (
    <>
      <span className="code-column">
        <span className={`code${soon ? ' expiring' : ''}`}>{groupCode(code.code)}</span>
        {soon && code.next && (
          <span className="next-code">
            next <span className="code-digits">{groupCode(code.next)}</span>
          </span>
        )}
      </span>
      {left === null ? (
        <span className="hotp-badge" title="Counter-based: a new code on request">
          HOTP
        </span>
      ) : (
        <CountdownRing left={left} period={account.period} />
      )}
    </>
  );
}

export const AccountRow = memo(function AccountRow({
  account,
  code,
  index,
  count,
  active,
  top,
  height,
  draggable,
  onActivate,
  onChoose,
  onDragStart,
  onDrop,
  onShowCode,
}: {
  account: AccountView;
  code: CodeView | undefined;
  index: number;
  count: number;
  active: boolean;
  top: number;
  height: number;
  draggable: boolean;
  onActivate: (id: string) => void;
  onChoose: (id: string) => void;
  onDragStart: (id: string) => void;
  onDrop: (id: string) => void;
  /** HOTP: reveal the code (the toolbar has the same action as a button, for the keyboard). */
  onShowCode: (id: string) => void;
}) {
  return (
    <div
      id={`account-${account.id}`}
      role="option"
      aria-selected={active}
      aria-setsize={count}
      aria-posinset={index + 1}
      className={`account-row${active ? ' active' : ''}${account.pinned ? ' pinned' : ''}`}
      style={{ top, height }}
      draggable={draggable}
      onMouseMove={() => {
        if (!active) onActivate(account.id);
      }}
      onClick={() => onChoose(account.id)}
      onDragStart={(event: DragEvent) => {
        event.dataTransfer.effectAllowed = 'move';
        onDragStart(account.id);
      }}
      onDragOver={(event: DragEvent) => {
        if (draggable) event.preventDefault();
      }}
      onDrop={(event: DragEvent) => {
        event.preventDefault();
        onDrop(account.id);
      }}
    >
      <AccountIcon
        issuer={account.issuer}
        name={account.name}
        icon={account.icon}
        siteName={account.siteName}
      />
      <span className="labels">
        <span className="issuer">
          {account.pinned && (
            <span className="pin-mark" aria-label="Pinned">
              ★{' '}
            </span>
          )}
          {account.issuer || account.name || 'Unnamed account'}
        </span>
        {account.issuer && account.name && <span className="name">{account.name}</span>}
        {account.tags.length > 0 && (
          <span className="tags">
            {account.tags.map((tag) => (
              <span className="tag" key={tag}>
                {tag}
              </span>
            ))}
          </span>
        )}
      </span>
      {code ? (
        <Countdown account={account} code={code} active={active} />
      ) : account.type === 'hotp' ? (
        <span className="code-column">
          {/* Not a button: a control inside a listbox option is unreachable by keyboard and
              confuses screen readers; the option's toolbar carries the same action. */}
          <span
            className="show-code"
            onClick={(event) => {
              event.stopPropagation();
              onShowCode(account.id);
            }}
          >
            Show code
          </span>
        </span>
      ) : (
        <span className="code-column">
          <span className="code placeholder">··· ···</span>
        </span>
      )}
    </div>
  );
});
