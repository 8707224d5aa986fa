// Records a global shortcut as an Electron accelerator ("Control+Alt+K"): focus the recorder,
// press the keys. Main says whether it is free (checkHotkey) before it is saved.
import { useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { Platform } from '../lib/accelerator-label';
import './hotkey-recorder.css';

const MODIFIER_KEYS = new Set(['Control', 'Shift', 'Alt', 'Meta', 'AltGraph', 'OS']);

/** The accelerator for a key event, or null while only modifiers are held. */
export function acceleratorFor(event: {
  key: string;
  code: string;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}): string | null {
  if (MODIFIER_KEYS.has(event.key)) return null;
  let key: string;
  if (/^Key[A-Z]$/.test(event.code)) key = event.code.slice(3);
  else if (/^Digit\d$/.test(event.code)) key = event.code.slice(5);
  else if (/^F\d{1,2}$/.test(event.key)) key = event.key;
  else if (event.key === ' ') key = 'Space';
  else if (event.key.startsWith('Arrow')) key = event.key.slice(5);
  else if (event.key.length === 1) key = event.key.toUpperCase();
  else key = event.key;
  const parts: string[] = [];
  if (event.ctrlKey) parts.push('Control');
  if (event.altKey) parts.push('Alt');
  if (event.shiftKey) parts.push('Shift');
  if (event.metaKey) parts.push('Super');
  parts.push(key);
  return parts.join('+');
}

const NEEDS_MODIFIER: Record<Platform, string> = {
  linux: 'A global shortcut needs Ctrl, Alt or Super (or a function key alone).',
  windows: 'A global shortcut needs Ctrl, Alt or Win (or a function key alone).',
  mac: 'A global shortcut needs ⌃, ⌥ or ⌘ (or a function key alone).',
};

export function HotkeyRecorder({
  label,
  platform,
  onRecorded,
  onCancel,
}: {
  label: string;
  platform: Platform;
  onRecorded: (accelerator: string) => void;
  onCancel: () => void;
}) {
  const [message, setMessage] = useState('Press the new shortcut, or Escape to cancel.');
  const ref = useRef<HTMLDivElement>(null);
  const messageId = useId();
  useEffect(() => {
    ref.current?.focus();
  }, []);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Tab') return;
    event.preventDefault();
    event.stopPropagation();
    if (event.key === 'Escape' && !event.ctrlKey && !event.altKey && !event.metaKey) {
      onCancel();
      return;
    }
    const accelerator = acceleratorFor(event);
    if (!accelerator) return;
    if (!/^(Control|Alt|Super)\+/.test(accelerator) && !/^F\d{1,2}$/.test(accelerator)) {
      setMessage(NEEDS_MODIFIER[platform]);
      return;
    }
    onRecorded(accelerator);
  };
  return (
    <div
      ref={ref}
      className="hotkey-recorder"
      role="textbox"
      aria-label={`New shortcut for ${label}`}
      aria-describedby={messageId}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <span id={messageId}>{message}</span>
    </div>
  );
}
