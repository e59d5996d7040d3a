// NumberField: a numeric text input that keeps what the user typed while it is not a valid number
// yet (e.g. "0." or "-"), reports parsed values only, and checks integer and range limits.
import type { InputHTMLAttributes } from 'react';
import { useState } from 'react';
import './ui.css';

export interface NumberFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'min' | 'max' | 'size'> {
  value: number | null;
  /** Called with the parsed number, or null when the text is empty. */
  onChange: (value: number | null) => void;
  /** Called with a message when the text is not acceptable, null when it is. */
  onValidity?: (message: string | null) => void;
  min?: number | null;
  max?: number | null;
  /** Lower bound is exclusive (e.g. top-p > 0). */
  exclusiveMin?: boolean;
  integer?: boolean;
  /** Empty text is allowed and means null. */
  nullable?: boolean;
  size?: 'sm' | 'md';
}

/** The problem with a text as a number under the given limits, or null when it is fine. */
export function numberProblem(text: string, o: Pick<NumberFieldProps, 'min' | 'max' | 'exclusiveMin' | 'integer' | 'nullable'>): string | null {
  if (text.trim() === '') return o.nullable ? null : 'required';
  const n = Number(text);
  if (!Number.isFinite(n)) return 'not a number';
  if (o.integer && !Number.isInteger(n)) return 'must be a whole number';
  if (o.min !== undefined && o.min !== null && (o.exclusiveMin ? n <= o.min : n < o.min)) return `must be ${o.exclusiveMin ? 'above' : 'at least'} ${o.min}`;
  if (o.max !== undefined && o.max !== null && n > o.max) return `must be at most ${o.max}`;
  return null;
}

/** A validated number input. */
export function NumberField({ value, onChange, onValidity, min, max, exclusiveMin, integer, nullable, size = 'md', className, ...rest }: NumberFieldProps) {
  const [text, setText] = useState(value === null ? '' : String(value));
  const [shown, setShown] = useState(value);
  const [problem, setProblem] = useState<string | null>(null);
  // A new value from outside (a reset, an example) replaces the text; the user's own edits do not.
  if (value !== shown) {
    setShown(value);
    if (!(text.trim() !== '' && Number(text) === value)) setText(value === null ? '' : String(value));
  }
  return (
    <input
      type="text"
      inputMode={integer ? 'numeric' : 'decimal'}
      className={['input', `input-${size}`, 'num', problem ? 'is-invalid' : '', className].filter(Boolean).join(' ')}
      value={text}
      aria-invalid={problem ? true : undefined}
      onChange={(e) => {
        const next = e.currentTarget.value;
        setText(next);
        const p = numberProblem(next, { min, max, exclusiveMin, integer, nullable });
        setProblem(p);
        onValidity?.(p);
        if (!p) {
          const parsed = next.trim() === '' ? null : Number(next);
          setShown(parsed);
          onChange(parsed);
        }
      }}
      {...rest}
    />
  );
}
