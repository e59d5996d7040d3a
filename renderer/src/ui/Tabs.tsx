// Tabs: a row of mutually exclusive choices (page tabs, segmented switches) with arrow-key navigation.
import type { KeyboardEvent, ReactNode } from 'react';
import { useRef } from 'react';
import './ui.css';

export interface TabItem<T extends string> {
  id: T;
  label: ReactNode;
  /** Optional trailing count or badge. */
  extra?: ReactNode;
  disabled?: boolean;
  title?: string;
}

export interface TabsProps<T extends string> {
  items: readonly TabItem<T>[];
  value: T;
  onChange: (id: T) => void;
  /** Accessible name of the tab list. */
  label: string;
  /** "underline" for page sections, "segmented" for compact switches. */
  variant?: 'underline' | 'segmented';
  className?: string;
}

/** A tab list; Left/Right/Home/End move between tabs. */
export function Tabs<T extends string>({ items, value, onChange, label, variant = 'underline', className }: TabsProps<T>) {
  const listRef = useRef<HTMLDivElement>(null);
  const enabled = items.filter((i) => !i.disabled);
  const onKeyDown = (e: KeyboardEvent) => {
    const at = enabled.findIndex((i) => i.id === value);
    let next: number | null = null;
    if (e.key === 'ArrowRight') next = (at + 1) % enabled.length;
    else if (e.key === 'ArrowLeft') next = (at - 1 + enabled.length) % enabled.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = enabled.length - 1;
    if (next === null) return;
    e.preventDefault();
    const id = enabled[next]!.id;
    onChange(id);
    listRef.current?.querySelector<HTMLElement>(`[data-tab="${CSS.escape(id)}"]`)?.focus();
  };
  return (
    <div ref={listRef} role="tablist" aria-label={label} className={['tabs', `tabs-${variant}`, className].filter(Boolean).join(' ')} onKeyDown={onKeyDown}>
      {items.map((item) => (
        <button
          key={item.id}
          type="button"
          role="tab"
          data-tab={item.id}
          aria-selected={item.id === value}
          tabIndex={item.id === value ? 0 : -1}
          disabled={item.disabled}
          title={item.title}
          className="tab"
          onClick={() => onChange(item.id)}
        >
          {item.label}
          {item.extra !== undefined && <span className="tab-extra">{item.extra}</span>}
        </button>
      ))}
    </div>
  );
}
