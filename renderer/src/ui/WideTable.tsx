// WideTable: a frame for a <table> wider than its room. The table scrolls sideways in its own box
// with the first column(s) sticky, a shadow cue on the side with more columns, and a column chooser
// that hides columns by position (CSS nth-child rules in wide-table.css, so any table works as is).
// Tables with merged header cells (colspan) should not use the chooser.
import type { ReactNode } from 'react';
import { useLayoutEffect, useRef, useState } from 'react';
import type { ColumnChoice } from './ColumnChooser';
import { ColumnChooser } from './ColumnChooser';
import { useHiddenColumns } from './use-hidden-columns';
import './wide-table.css';

export interface WideTableProps {
  /** The table (one <table> element). */
  children: ReactNode;
  /** Accessible name of the scroll box and the chooser. */
  label: string;
  /** Key under which hidden columns are remembered; no chooser without it. */
  tableId?: string;
  /** How many leading columns stay put while scrolling sideways (1 or 2). */
  sticky?: 1 | 2;
  /** Extra content on the toolbar's left (a caption, counts). */
  toolbar?: ReactNode;
}

/** The frame: toolbar with the column chooser, then the scroll box. */
export function WideTable({ children, label, tableId, sticky = 1, toolbar }: WideTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [columns, setColumns] = useState<ColumnChoice[]>([]);
  const [hidden, toggle] = useHiddenColumns(tableId ?? '');
  const [more, setMore] = useState({ left: false, right: false });

  // Column names from the header row, re-read when the table's columns change.
  useLayoutEffect(() => {
    const head = scrollRef.current?.querySelector('thead tr:last-child');
    if (!head) return;
    const next = [...head.children].map((th, i) => ({ key: `c${i + 1}`, label: th.textContent?.trim() || `column ${i + 1}`, locked: i < sticky }));
    setColumns((prev) => (prev.length === next.length && prev.every((p, i) => p.label === next[i]!.label) ? prev : next));
  }, [children, sticky]);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const update = () => setMore({ left: el.scrollLeft > 1, right: el.scrollLeft + el.clientWidth < el.scrollWidth - 1 });
    update();
    el.addEventListener('scroll', update, { passive: true });
    const observer = new ResizeObserver(update);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => {
      el.removeEventListener('scroll', update);
      observer.disconnect();
    };
  }, [hidden]);

  const hiddenKeys = columns.filter((c) => hidden.has(c.key) && !c.locked).map((c) => c.key);
  return (
    <div className={`wide-table wt-sticky-${sticky}`} data-hide={hiddenKeys.join(' ')} data-more-left={more.left || undefined} data-more-right={more.right || undefined}>
      {(tableId || toolbar) && (
        <div className="wt-toolbar">
          {toolbar}
          <span className="spacer" />
          {more.right && <span className="faint wt-cue">more columns →</span>}
          {tableId && columns.length > 2 && <ColumnChooser columns={columns} hidden={hidden} onToggle={toggle} label={label} />}
        </div>
      )}
      <div ref={scrollRef} className="wt-scroll" role="region" aria-label={label} tabIndex={0} data-testid="wide-table-scroll">
        {children}
      </div>
    </div>
  );
}
