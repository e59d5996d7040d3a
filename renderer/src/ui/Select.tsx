// Select: a native select (accessible and keyboard-friendly as is) styled to the theme.
import type { SelectHTMLAttributes } from 'react';
import './ui.css';

export interface SelectOption<T extends string> {
  value: T;
  label: string;
  disabled?: boolean;
}

export interface SelectProps<T extends string> extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange' | 'size'> {
  value: T;
  options: readonly SelectOption<T>[];
  onChange: (value: T) => void;
  size?: 'sm' | 'md';
}

/** A themed native select over string values. */
export function Select<T extends string>({ value, options, onChange, size = 'md', className, ...rest }: SelectProps<T>) {
  return (
    <select
      className={['select', `select-${size}`, className].filter(Boolean).join(' ')}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value as T)}
      {...rest}
    >
      {options.map((o) => (
        <option key={o.value} value={o.value} disabled={o.disabled}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
