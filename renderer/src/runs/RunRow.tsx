// One row of the Runs list: a cell per visible column (selection, status, time, method, models,
// experiment and item, tokens, speeds, acceptance length, speedup vs the experiment's baseline,
// correctness, prompt preview).
import type { MouseEvent, ReactNode } from 'react';
import { memo } from 'react';
import { methodLabel } from '@app/methods';
import type { RunSummary } from '@app/runs';
import { formatCount, formatMs, formatNumber, formatRate } from '../panels/run/format';
import { formatDateTime, formatRelative } from '../ui/date-format';
import { Badge } from '../ui/Badge';
import { StatusBadge } from '../ui/StatusBadge';
import type { RunExperimentInfo } from './experiment-lookup';
import type { RunColumn } from './run-columns';

export interface RunRowProps {
  run: RunSummary;
  index: number;
  selected: boolean;
  active: boolean;
  columns: readonly RunColumn[];
  template: string;
  /** Experiment facts, once loaded (undefined for runs outside experiments or while loading). */
  info: RunExperimentInfo | undefined;
  onToggle: (index: number, run: RunSummary, shift: boolean) => void;
  onOpen: (run: RunSummary) => void;
  onActivate: (index: number) => void;
}

const dash = <span className="faint">–</span>;

function RunRowView({ run, index, selected, active, columns, template, info, onToggle, onOpen, onActivate }: RunRowProps) {
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
  const cell = (c: RunColumn): ReactNode => {
    switch (c.key) {
      case 'select':
        return (
          <span key={c.key} role="gridcell" className="runs-check runs-sticky" onClick={(e) => e.stopPropagation()}>
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
        );
      case 'status':
        return (
          <span key={c.key} role="gridcell">
            <StatusBadge status={run.status} />
          </span>
        );
      case 'created':
        return (
          <span key={c.key} role="gridcell" className="num" title={formatDateTime(run.createdAt)}>
            {formatRelative(run.createdAt)}
          </span>
        );
      case 'method':
        return (
          <span key={c.key} role="gridcell" className="runs-method" title={run.configLabel ? `${methodLabel(run.method)} · ${run.configLabel}` : methodLabel(run.method)}>
            {methodLabel(run.method)}
          </span>
        );
      case 'models':
        return (
          <span key={c.key} role="gridcell" className="runs-models mono">
            {run.models.join(' · ')}
          </span>
        );
      case 'experiment':
        return (
          <span key={c.key} role="gridcell" className="runs-experiment" title={info ? `${info.experimentName}${run.configLabel ? ` · arm ${run.configLabel}` : ''}` : undefined} data-col="experiment">
            {run.experimentId ? (info?.experimentName ?? <span className="faint">…</span>) : dash}
          </span>
        );
      case 'item':
        return (
          <span key={c.key} role="gridcell" className="num runs-right" title={info?.itemQuestion} data-col="item">
            {info ? `#${info.item}` : dash}
          </span>
        );
      case 'tokens':
        return (
          <span key={c.key} role="gridcell" className="num runs-right" data-col="tokens" title={m && m.newTokens === 0 && m.stopReason ? `stopped with 0 tokens: ${m.stopReason}` : undefined}>
            {formatCount(m?.newTokens)}
            {m && m.newTokens === 0 && m.stopReason && <span className="faint"> ({m.stopReason})</span>}
            {m?.coldStart && <span className="faint" title="A model ran cold in this run: its speed figures read low"> cold</span>}
          </span>
        );
      case 'ttft':
        return (
          <span key={c.key} role="gridcell" className="num runs-right" data-col="ttft">
            {formatMs(m?.ttftMs)}
          </span>
        );
      case 'decode':
        return (
          <span key={c.key} role="gridcell" className="num runs-right" data-col="decode">
            {formatRate(m?.decodeTokensPerS, false)}
          </span>
        );
      case 'acceptance':
        return (
          <span key={c.key} role="gridcell" className="num runs-right" data-col="acceptance">
            {m?.meanAcceptanceLength !== undefined ? formatNumber(m.meanAcceptanceLength, 2) : dash}
          </span>
        );
      case 'speedup':
        return (
          <span key={c.key} role="gridcell" className="num runs-right" data-col="speedup" title={info?.isBaseline ? 'This run is the baseline' : undefined}>
            {info?.isBaseline ? <span className="faint">base</span> : info?.speedup != null ? `${formatNumber(info.speedup, 2)}×` : dash}
          </span>
        );
      case 'correct':
        return (
          <span key={c.key} role="gridcell" data-col="correct">
            {run.correct === null ? dash : <Badge tone={run.correct ? 'success' : 'danger'}>{run.correct ? 'correct' : 'wrong'}</Badge>}
          </span>
        );
      case 'prompt':
        return (
          <span key={c.key} role="gridcell" className="runs-prompt" title={run.promptPreview} data-col="prompt">
            {run.promptPreview}
          </span>
        );
    }
  };
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={['runs-row', selected ? 'is-selected' : '', active ? 'is-active' : ''].filter(Boolean).join(' ')}
      style={{ gridTemplateColumns: template }}
      onClick={onRowClick}
      data-run-id={run.id}
      data-testid="run-row"
    >
      {columns.map(cell)}
    </div>
  );
}

/** A memoized row. */
export const RunRow = memo(RunRowView);
