// A comma-list text input for array parameters (numbers, strings, layer:expert pairs, or a tree as
// a preset name / JSON paths): keeps the user's text, reports parsed values only when valid.
import { useState } from 'react';

export interface ListFieldProps<T> {
  id: string;
  value: T;
  format: (value: T) => string;
  /** Returns the parsed value, or throws an Error whose message is shown. */
  parse: (text: string) => T;
  onChange: (value: T) => void;
  onValidity: (message: string | null) => void;
  placeholder?: string;
  invalid?: boolean;
  testId?: string;
}

/** Text input with parse-on-type and an error state. */
export function ListField<T>({ id, value, format, parse, onChange, onValidity, placeholder, invalid, testId }: ListFieldProps<T>) {
  const [text, setText] = useState(() => format(value));
  const [shown, setShown] = useState(value);
  // A new value from outside (reset, re-run) replaces the text.
  if (value !== shown) {
    setShown(value);
    setText(format(value));
  }
  return (
    <input
      id={id}
      type="text"
      className={invalid ? 'input input-md mono is-invalid' : 'input input-md mono'}
      value={text}
      placeholder={placeholder}
      aria-invalid={invalid || undefined}
      data-testid={testId}
      onChange={(e) => {
        const next = e.currentTarget.value;
        setText(next);
        try {
          const parsed = parse(next);
          onValidity(null);
          setShown(parsed);
          onChange(parsed);
        } catch (err) {
          onValidity((err as Error).message);
        }
      }}
    />
  );
}
