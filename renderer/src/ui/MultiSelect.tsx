// MultiSelect: a filter control: a button that opens a checklist, with the chosen values shown as
// removable chips beside it. Keyboard: Enter/Space/ArrowDown opens, arrows move, Space toggles, Esc closes.
import type { KeyboardEvent } from 'react';
import { useEffect, useId, useRef, useState } from 'react';
import { Popover } from './Popover';
import './ui.css';

export interface MultiSelectOption<T extends string> {
  value: T;
  label: string;
}

export interface MultiSelectProps<T extends string> {
  label: string;
  options: readonly MultiSelectOption<T>[];
  value: readonly T[];
  onChange: (value: T[]) => void;
  /** Show chosen values as chips after the button (default true). */
  chips?: boolean;
}

/** A multi-value picker with chips. */
export function MultiSelect<T extends string>({ label, options, value, onChange, chips = true }: MultiSelectProps<T>) {
  const [anchor, setAnchor] = useState<DOMRect | null>(null);
  const [active, setActive] = useState(0);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const id = useId();
  const open = anchor !== null;

  const toggle = (v: T) => onChange(value.includes(v) ? value.filter((x) => x !== v) : [...value, v]);
  const show = () => {
    setActive(0);
    setAnchor(buttonRef.current!.getBoundingClientRect());
  };
  const close = (refocus: boolean) => {
    setAnchor(null);
    if (refocus) buttonRef.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    listRef.current?.focus();
    const onDown = (e: MouseEvent) => {
      const t = e.target as Node;
      if (!listRef.current?.contains(t) && !buttonRef.current?.contains(t)) setAnchor(null);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  const onListKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close(true);
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(options.length - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === ' ' || e.key === 'Enter') {
      e.preventDefault();
      const o = options[active];
      if (o) toggle(o.value);
    } else if (e.key === 'Tab') {
      close(false);
    }
  };

  const labelOf = (v: T) => options.find((o) => o.value === v)?.label ?? v;
  return (
    <div className="multiselect">
      <button
        ref={buttonRef}
        type="button"
        className={value.length ? 'multiselect-button has-value' : 'multiselect-button'}
        aria-haspopup="listbox"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => (open ? close(false) : show())}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            show();
          }
        }}
      >
        {label}
        {value.length > 0 && <span className="multiselect-count">{value.length}</span>}
        <span className="multiselect-caret" aria-hidden="true">▾</span>
      </button>
      {chips &&
        value.map((v) => (
          <span key={v} className="chip">
            {labelOf(v)}
            <button type="button" className="chip-remove" aria-label={`Remove ${label} ${labelOf(v)}`} onClick={() => toggle(v)}>
              ×
            </button>
          </span>
        ))}
      <Popover anchor={anchor} role="presentation" className="multiselect-popover">
        <div
          ref={listRef}
          id={id}
          role="listbox"
          aria-multiselectable="true"
          aria-label={label}
          tabIndex={-1}
          aria-activedescendant={`${id}-${active}`}
          onKeyDown={onListKey}
          className="multiselect-list"
        >
          {options.map((o, i) => (
            <div
              key={o.value}
              id={`${id}-${i}`}
              role="option"
              aria-selected={value.includes(o.value)}
              className={i === active ? 'multiselect-option is-active' : 'multiselect-option'}
              onMouseEnter={() => setActive(i)}
              onClick={() => toggle(o.value)}
            >
              <span className="multiselect-check" aria-hidden="true">{value.includes(o.value) ? '✓' : ''}</span>
              {o.label}
            </div>
          ))}
          {value.length > 0 && (
            <button type="button" className="multiselect-clear" onClick={() => onChange([])}>
              Clear
            </button>
          )}
        </div>
      </Popover>
    </div>
  );
}
