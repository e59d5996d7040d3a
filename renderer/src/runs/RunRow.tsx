// One row of the Runs list: selection checkbox, status, time, method, models, tokens, speeds,
// correctness and the prompt preview.
import type { MouseEvent } from 'react';
import { memo } from 'react';
import { methodLabel } from '../../../app/methods';
import type { RunSummary } from '../../../app/runs';
import { formatCount, formatDateTime, formatMs, formatRate, formatRelative } from '../panels/run/format';
import { Badge } from '../ui/Badge';
import { StatusBadge } from '../ui/StatusBadge';

export interface RunRowProps {
  run: RunSummary;
  index: number;
  selected: boolean;
  active: boolean;
  onToggle: (index: number, run: RunSummary, shift: boolean) => void;
  onOpen: (run: RunSummary) => void;
  onActivate: (index: number) => void;
}

function RunRowView({ run, index, selected, active, onToggle, onOpen, onActivate }: RunRowProps) {
  const m = run.metrics;
  const onRowClick = (e: MouseEvent) => {
    onActivate(index);
    if (e.shiftKey || e.ctrlKey || e.metaKey) {
      e.preventDefault();
      onToggle(index, run, e.shiftKey);
      return;
    }
    onOpen(run);
  };
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={['runs-row', selected ? 'is-selected' : '', active ? 'is-active' : ''].filter(Boolean).join(' ')}
      onClick={onRowClick}
      data-run-id={run.id}
      data-testid="run-row"
    >
      <span role="gridcell" className="runs-check" onClick={(e) => e.stopPropagation()}>
        <input
          type="checkbox"
          className="checkbox"
          checked={selected}
          aria-label={`Select run ${run.id}`}
          tabIndex={-1}
          onClick={(e) => {
            e.stopPropagation();
            onActivate(index);
            onToggle(index, run, e.shiftKey);
          }}
          onChange={() => undefined}
        />
      </span>
      <span role="gridcell">
        <StatusBadge status={run.status} />
      </span>
      <span role="gridcell" className="num" title={formatDateTime(run.createdAt)}>
        {formatRelative(run.createdAt)}
      </span>
      <span role="gridcell" className="runs-method" title={run.configLabel ? `${methodLabel(run.method)} · ${run.configLabel}` : methodLabel(run.method)}>
        {methodLabel(run.method)}
      </span>
      <span role="gridcell" className="runs-models mono">
        {run.models.join(' · ')}
      </span>
      <span role="gridcell" className="num runs-right" data-col="tokens" title={m && m.newTokens === 0 && m.stopReason ? `stopped with 0 tokens: ${m.stopReason}` : undefined}>
        {formatCount(m?.newTokens)}
        {m && m.newTokens === 0 && m.stopReason && <span className="faint"> ({m.stopReason})</span>}
        {m?.coldStart && <span className="faint" title="A model ran cold in this run: its speed figures read low"> cold</span>}
      </span>
      <span role="gridcell" className="num runs-right" data-col="ttft">
        {formatMs(m?.ttftMs)}
      </span>
      <span role="gridcell" className="num runs-right" data-col="decode">
        {formatRate(m?.decodeTokensPerS, false)}
      </span>
      <span role="gridcell">
        {run.correct === null ? <span className="faint">–</span> : <Badge tone={run.correct ? 'success' : 'danger'}>{run.correct ? 'correct' : 'wrong'}</Badge>}
      </span>
      <span role="gridcell" className="runs-prompt" title={run.promptPreview}>
        {run.promptPreview}
      </span>
    </div>
  );
}

/** A memoized row. */
export const RunRow = memo(RunRowView);
