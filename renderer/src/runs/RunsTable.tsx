// The virtualized Runs table: rows load as they scroll into view; the keyboard moves an active row
// (Up/Down or j/k, Shift extends the selection), Enter opens, Space or x selects, Ctrl+A (or the
// header's checkbox) selects every run the filters match, Delete asks to delete the selection. One
// box scrolls both ways: the header stays on top and the selection column at the left, and the
// columns the chooser leaves visible set how wide the rows are.
import { useVirtualizer } from '@tanstack/react-virtual';
import type { KeyboardEvent } from 'react';
import { useEffect, useRef, useState } from 'react';
import type { RunSummary } from '@app/runs';
import { Tooltip } from '../ui/Tooltip';
import type { RunExperimentInfo } from './experiment-lookup';
import { loadExperimentRunInfo } from './experiment-lookup';
import type { RunColumn } from './run-columns';
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
  /** Selects every run the filters match (or clears the selection when all are selected). */
  onSelectAll: () => void;
  /** Whether the whole filtered set is selected (the header checkbox's state). */
  allSelected: boolean;
  columns: readonly RunColumn[];
  template: string;
  minWidth: number;
  onOpen: (run: RunSummary) => void;
  onDelete: () => void;
}

const ROW_HEIGHT = 34;
const HEAD_HEIGHT = 30;

/** Experiment facts for the loaded rows' experiments, by run id. */
function useExperimentInfo(pager: RunsPager, version: number): ReadonlyMap<string, RunExperimentInfo> {
  const [info, setInfo] = useState<ReadonlyMap<string, RunExperimentInfo>>(new Map());
  useEffect(() => {
    const ids = new Set<string>();
    for (const { run } of pager.loadedRows()) if (run.experimentId) ids.add(run.experimentId);
    let cancelled = false;
    void Promise.all([...ids].map((id) => loadExperimentRunInfo(id).catch(() => new Map<string, RunExperimentInfo>()))).then((maps) => {
      if (cancelled) return;
      const merged = new Map<string, RunExperimentInfo>();
      for (const m of maps) for (const [k, v] of m) merged.set(k, v);
      setInfo((prev) => (prev.size === merged.size ? prev : merged));
    });
    return () => {
      cancelled = true;
    };
  }, [pager, version]);
  return info;
}

/** The Runs grid. */
export function RunsTable({ pager, version, selected, active, onActive, onToggle, onSelectAll, allSelected, columns, template, minWidth, onOpen, onDelete }: RunsTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const total = pager.total ?? 0;
  const info = useExperimentInfo(pager, version);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design; rows come from its own state
  const virtualizer = useVirtualizer({ count: total, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 10, scrollMargin: HEAD_HEIGHT });
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
      <div ref={scrollRef} className="runs-scroll" tabIndex={0} onKeyDown={onKeyDown} data-testid="runs-scroll">
        <div className="runs-row runs-head" role="row" style={{ gridTemplateColumns: template, minWidth }}>
          {columns.map((c) =>
            c.key === 'select' ? (
              <span key={c.key} role="columnheader" className="runs-check runs-sticky">
                <input
                  type="checkbox"
                  className="checkbox"
                  checked={allSelected}
                  aria-label={`Select all ${total} runs the filters match`}
                  title={`Select all ${total} runs the filters match`}
                  onChange={onSelectAll}
                  data-testid="select-all"
                />
              </span>
            ) : (
              <span key={c.key} role="columnheader" className={c.right ? 'runs-right' : undefined}>
                {c.help ? <Tooltip content={c.help}>{c.label}</Tooltip> : c.label}
              </span>
            ),
          )}
        </div>
        <div className="runs-inner" style={{ height: virtualizer.getTotalSize(), minWidth }}>
          {items.map((item) => {
            const run = pager.rowAt(item.index);
            return (
              <div key={item.key} className="runs-slot" style={{ transform: `translateY(${item.start - HEAD_HEIGHT}px)` }}>
                {run ? (
                  <RunRow
                    run={run}
                    index={item.index}
                    selected={selected.has(run.id)}
                    active={item.index === active}
                    columns={columns}
                    template={template}
                    info={info.get(run.id)}
                    onToggle={onToggle}
                    onOpen={onOpen}
                    onActivate={onActive}
                  />
                ) : (
                  <div className="runs-row runs-placeholder" role="row" aria-busy="true" style={{ gridTemplateColumns: template }}>
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
