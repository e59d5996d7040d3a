// ResultsMatrix: items x arms, virtualized so that thousands of items scroll smoothly; a checkbox per
// row selects items for export, a cell opens the slide-over with its run.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { MatrixCell } from './MatrixCell';
import type { MatrixRow } from './matrix-rows';

export interface ResultsMatrixProps {
  rows: readonly MatrixRow[];
  arms: readonly string[];
  baseline: string | null;
  repeated: boolean;
  selected: ReadonlySet<string>;
  onSelect: (itemId: string, on: boolean) => void;
  onSelectAll: (on: boolean) => void;
  onOpen: (itemId: string, arm: string) => void;
  /** Shown when there are no rows. */
  emptyText: string;
}

const ROW_HEIGHT = 52;

/** The matrix with a sticky header row. */
export function ResultsMatrix({ rows, arms, baseline, repeated, selected, onSelect, onSelectAll, onOpen, emptyText }: ResultsMatrixProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // The virtualizer hands out functions React Compiler cannot memoize safely; this component does not need it to.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  const columns = `28px 44px minmax(220px, 2fr) minmax(70px, 110px) repeat(${arms.length}, minmax(150px, 1fr))`;
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.item.id));
  return (
    <div className="cmp-matrix" role="table" aria-label="Results matrix" aria-rowcount={rows.length + 1}>
      <div className="cmp-matrix-row cmp-matrix-head" role="row" style={{ gridTemplateColumns: columns }}>
        <span role="columnheader">
          <input type="checkbox" aria-label="Select all items" checked={allSelected} onChange={(e) => onSelectAll(e.currentTarget.checked)} />
        </span>
        <span role="columnheader" className="num">
          #
        </span>
        <span role="columnheader">Question</span>
        <span role="columnheader">Reference</span>
        {arms.map((a) => (
          <span role="columnheader" key={a} className={a === baseline ? 'is-baseline' : undefined}>
            {a}
            {a === baseline ? ' (baseline)' : ''}
          </span>
        ))}
      </div>
      <div ref={scrollRef} className="cmp-matrix-body" style={{ height: Math.max(ROW_HEIGHT, rows.length * ROW_HEIGHT) + 2 }}>
        {rows.length === 0 ? (
          <p className="muted cmp-matrix-empty">{emptyText}</p>
        ) : (
          <div className="cmp-matrix-space" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((v) => {
              const row = rows[v.index]!;
              return (
                <div
                  key={row.item.id}
                  role="row"
                  aria-rowindex={v.index + 2}
                  data-item={row.item.id}
                  className={row.differs ? 'cmp-matrix-row differs' : 'cmp-matrix-row'}
                  style={{ gridTemplateColumns: columns, height: ROW_HEIGHT, transform: `translateY(${v.start}px)` }}
                >
                  <span role="cell">
                    <input type="checkbox" aria-label={`Select item ${row.index + 1}`} checked={selected.has(row.item.id)} onChange={(e) => onSelect(row.item.id, e.currentTarget.checked)} />
                  </span>
                  <span role="cell" className="num faint">
                    {row.index + 1}
                  </span>
                  <span role="cell" className="cmp-matrix-question" title={row.item.question}>
                    {row.item.question}
                  </span>
                  <span role="cell" className="mono cmp-matrix-reference">
                    {row.item.answer}
                  </span>
                  {arms.map((arm) => (
                    <MatrixCell key={arm} arm={arm} summary={row.arms[arm]!} repeated={repeated} onOpen={() => onOpen(row.item.id, arm)} />
                  ))}
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
