// ResultsMatrix: items x arms, virtualized so that thousands of items scroll smoothly; a checkbox per
// row selects items for export, a cell opens the slide-over with its run, and a row's compare button
// opens the item across all its arms side by side. The matrix scrolls both ways in one box: the
// header stays on top, the selection, number and question columns stay at the left, and a column
// chooser hides the reference or arms that a narrow window has no room for.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { ColumnChooser } from '../ui/ColumnChooser';
import { useHiddenColumns } from '../ui/use-hidden-columns';
import '../ui/wide-table.css';
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
  /** Opens the item's runs, one per arm, in the run comparison. */
  onCompare?: (itemId: string) => void;
  /** Shown when there are no rows. */
  emptyText: string;
}

const ROW_HEIGHT = 52;
const GAP = 8;
const PAD = 16;
const FIXED = [28, 64, 240];
const REFERENCE = 90;
const ARM = 150;

/** The matrix with a sticky header row and sticky leading columns. */
export function ResultsMatrix({ rows, arms, baseline, repeated, selected, onSelect, onSelectAll, onOpen, onCompare, emptyText }: ResultsMatrixProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [hidden, toggleHidden] = useHiddenColumns('results-matrix');
  const showReference = !hidden.has('reference');
  const shownArms = arms.filter((a) => !hidden.has(`arm:${a}`));
  // The virtualizer hands out functions React Compiler cannot memoize safely; this component does not need it to.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  const tracks = [...FIXED.map((w) => `${w}px`), ...(showReference ? [`minmax(${REFERENCE}px, 110px)`] : []), ...shownArms.map(() => `minmax(${ARM}px, 1fr)`)];
  const columns = tracks.join(' ');
  const minWidth = FIXED.reduce((a, b) => a + b, 0) + (showReference ? REFERENCE : 0) + shownArms.length * ARM + GAP * (tracks.length - 1) + PAD;
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.item.id));
  const choices = [
    { key: 'question', label: 'Question', locked: true },
    { key: 'reference', label: 'Reference' },
    ...arms.map((a) => ({ key: `arm:${a}`, label: a === baseline ? `${a} (baseline)` : a })),
  ];
  return (
    <div className="cmp-matrix-frame">
      <div className="wt-toolbar">
        <span className="spacer" />
        {shownArms.length < arms.length && <span className="faint">{arms.length - shownArms.length} arm(s) hidden</span>}
        <ColumnChooser columns={choices} hidden={hidden} onToggle={toggleHidden} label="the results matrix" />
      </div>
      <div ref={scrollRef} className="cmp-matrix" role="table" aria-label="Results matrix" aria-rowcount={rows.length + 1} data-testid="results-matrix" tabIndex={0}>
        <div className="cmp-matrix-row cmp-matrix-head" role="row" style={{ gridTemplateColumns: columns, minWidth }}>
          <span role="columnheader" className="cmp-stick-1">
            <input type="checkbox" aria-label="Select all items" checked={allSelected} onChange={(e) => onSelectAll(e.currentTarget.checked)} />
          </span>
          <span role="columnheader" className="num cmp-stick-2">
            #
          </span>
          <span role="columnheader" className="cmp-stick-3">
            Question
          </span>
          {showReference && <span role="columnheader">Reference</span>}
          {shownArms.map((a) => (
            <span role="columnheader" key={a} className={a === baseline ? 'is-baseline' : undefined} data-arm={a}>
              {a}
              {a === baseline ? ' (baseline)' : ''}
            </span>
          ))}
        </div>
        {rows.length === 0 ? (
          <p className="muted cmp-matrix-empty">{emptyText}</p>
        ) : (
          <div className="cmp-matrix-space" style={{ height: virtualizer.getTotalSize(), minWidth }}>
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
                  <span role="cell" className="cmp-stick-1">
                    <input type="checkbox" aria-label={`Select item ${row.index + 1}`} checked={selected.has(row.item.id)} onChange={(e) => onSelect(row.item.id, e.currentTarget.checked)} />
                  </span>
                  <span role="cell" className="num faint cmp-stick-2 cmp-matrix-num">
                    {row.index + 1}
                    {onCompare && (
                      <button
                        type="button"
                        className="cmp-compare-item"
                        title="Compare this item across all arms side by side"
                        aria-label={`Compare item ${row.index + 1} across arms`}
                        onClick={() => onCompare(row.item.id)}
                        data-testid="compare-item"
                      >
                        ⇄
                      </button>
                    )}
                  </span>
                  <span role="cell" className="cmp-matrix-question cmp-stick-3" title={row.item.question}>
                    {row.item.question}
                  </span>
                  {showReference && (
                    <span role="cell" className="mono cmp-matrix-reference">
                      {row.item.answer}
                    </span>
                  )}
                  {shownArms.map((arm) => (
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
