// The virtualized Runs table: rows load as they scroll into view; the keyboard moves an active row
// (Up/Down or j/k, Shift extends the selection), Enter opens, Space or x selects, Ctrl+A selects the
// loaded rows, Delete asks to delete the selection.
import { useVirtualizer } from '@tanstack/react-virtual';
import type { KeyboardEvent } from 'react';
import { useEffect, useRef } from 'react';
import type { RunSummary } from '../../../app/runs';
import { RunRow } from './RunRow';
import type { RunsPager } from './runs-pager';

export interface RunsTableProps {
  pager: RunsPager;
  /** Pager version: re-render when pages arrive. */
  version: number;
  selected: ReadonlySet<string>;
  active: number;
  onActive: (index: number) => void;
  onToggle: (index: number, run: RunSummary, shift: boolean) => void;
  onSelectAll: () => void;
  onOpen: (run: RunSummary) => void;
  onDelete: () => void;
}

const ROW_HEIGHT = 34;

/** The Runs grid. */
export function RunsTable({ pager, version, selected, active, onActive, onToggle, onSelectAll, onOpen, onDelete }: RunsTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const total = pager.total ?? 0;
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design; rows come from its own state
  const virtualizer = useVirtualizer({ count: total, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;

  useEffect(() => {
    pager.ensure(first, last + 1);
  }, [pager, first, last, version]);

  const move = (e: KeyboardEvent, to: number) => {
    e.preventDefault();
    const next = Math.max(0, Math.min(total - 1, to));
    onActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
    if (e.shiftKey) {
      const run = pager.rowAt(next);
      if (run && !selected.has(run.id)) onToggle(next, run, false);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (total === 0) return;
    const run = pager.rowAt(active);
    if (e.key === 'ArrowDown' || e.key === 'j') move(e, active + 1);
    else if (e.key === 'ArrowUp' || e.key === 'k') move(e, active - 1);
    else if (e.key === 'PageDown') move(e, active + 10);
    else if (e.key === 'PageUp') move(e, active - 10);
    else if (e.key === 'Home') move(e, 0);
    else if (e.key === 'End') move(e, total - 1);
    else if (e.key === 'Enter' && run) {
      e.preventDefault();
      onOpen(run);
    } else if ((e.key === ' ' || e.key === 'x') && run) {
      e.preventDefault();
      onToggle(active, run, false);
    } else if (e.key === 'a' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      onSelectAll();
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      onDelete();
    }
  };

  return (
    <div className="runs-table" role="grid" aria-label="Runs" aria-rowcount={total + 1} aria-multiselectable="true">
      <div className="runs-row runs-head" role="row">
        <span role="columnheader" aria-label="Selected" />
        <span role="columnheader">Status</span>
        <span role="columnheader">Created</span>
        <span role="columnheader">Method</span>
        <span role="columnheader">Models</span>
        <span role="columnheader" className="runs-right">Tokens</span>
        <span role="columnheader" className="runs-right">TTFT</span>
        <span role="columnheader" className="runs-right" title="Decode tokens per second">
          tok/s
        </span>
        <span role="columnheader">Correct</span>
        <span role="columnheader">Prompt</span>
      </div>
      <div ref={scrollRef} className="runs-scroll" tabIndex={0} onKeyDown={onKeyDown} aria-activedescendant={undefined} data-testid="runs-scroll">
        <div className="runs-inner" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const run = pager.rowAt(item.index);
            return (
              <div key={item.key} className="runs-slot" style={{ transform: `translateY(${item.start}px)` }}>
                {run ? (
                  <RunRow run={run} index={item.index} selected={selected.has(run.id)} active={item.index === active} onToggle={onToggle} onOpen={onOpen} onActivate={onActive} />
                ) : (
                  <div className="runs-row runs-placeholder" role="row" aria-busy="true">
                    <span />
                    <span className="skeleton" />
                    <span className="skeleton" />
                    <span className="skeleton" />
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
