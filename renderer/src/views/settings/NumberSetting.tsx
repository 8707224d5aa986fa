// A whole-number setting, saved when the field is left or Enter is pressed (not on each key).
import { useState } from 'react';
import { TextField } from '../../components/Field';

export function NumberSetting({
  label,
  value,
  min,
  max,
  hint,
  onCommit,
  error,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  hint: string;
  onCommit: (value: number) => void;
  error?: string | undefined;
}) {
  const [text, setText] = useState(String(value));
  // A value saved elsewhere (or rejected by main) replaces what is typed.
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setText(String(value));
  }
  const commit = () => {
    const number = Number(text);
    if (text.trim() !== '' && Number.isInteger(number) && number !== value) onCommit(number);
  };
  return (
    <TextField
      label={label}
      type="number"
      min={min}
      max={max}
      value={text}
      hint={hint}
      error={error}
      onChange={(event) => setText(event.target.value)}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === 'Enter') commit();
      }}
    />
  );
}
