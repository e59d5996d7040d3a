// CellSlideOver: the panel that slides over the results for one (item, arm): the question and
// reference, then the chosen sample's run: status, extracted answer, metrics and output, a link into
// the Run view (#/runs/<id>, with the token stream and method panels), and exports of that run.
import { useEffect, useState } from 'react';
import type { ResultCell } from '@app/experiments';
import type { RunRecord } from '@app/runs';
import { errorText, getClient } from '../api/workbench';
import { ExportMenu } from '../panels/export/ExportMenu';
import { Button, StatusBadge } from '../ui';
import type { ResultsItem } from './matrix-rows';
import { formatMs, formatNumber, formatShare } from '../panels/run/format';

export interface CellSlideOverProps {
  item: ResultsItem;
  arm: string;
  cells: readonly ResultCell[];
  onClose: () => void;
}

function metricRows(run: RunRecord): [string, string][] {
  const m = run.metrics;
  if (!m) return [];
  const rows: [string, string | null][] = [
    ['Latency', formatMs(m.totalMs)],
    ['Time to first token', formatMs(m.ttftMs)],
    ['Prompt tokens', String(m.promptTokens)],
    ['New tokens', String(m.newTokens)],
    ['Prefill tok/s', formatNumber(m.prefillTokensPerS, 0)],
    ['Decode tok/s', formatNumber(m.decodeTokensPerS, 0)],
    ['Mean acceptance length', m.meanAcceptanceLength !== undefined ? formatNumber(m.meanAcceptanceLength, 2) : null],
    ['Acceptance by position', m.perPositionAcceptance ? m.perPositionAcceptance.map((p) => p.toFixed(2)).join(' ') : null],
    ['Draft acceptance rate', m.draftAcceptanceRate !== undefined ? formatShare(m.draftAcceptanceRate) : null],
    ['Rounds', m.rounds !== undefined ? String(m.rounds) : null],
    ['Large-model share', m.largeShare !== undefined ? formatShare(m.largeShare) : null],
    ['Parameter-weighted cost', m.paramWeightedCost !== undefined ? formatNumber(m.paramWeightedCost, 2) : null],
    ['Switches', m.switches !== undefined ? String(m.switches) : null],
    ['Steps accepted', m.steps !== undefined ? `${m.stepsAccepted ?? 0} / ${m.steps}` : null],
  ];
  return rows.filter((r): r is [string, string] => r[1] !== null);
}

/** The slide-over; Esc or the close button closes it. */
export function CellSlideOver({ item, arm, cells, onClose }: CellSlideOverProps) {
  const [sample, setSample] = useState(0);
  const [run, setRun] = useState<RunRecord | null>(null);
  const [error, setError] = useState<string | null>(null);
  const cell = cells[Math.min(sample, cells.length - 1)] ?? null;
  const runId = cell?.runId ?? null;

  useEffect(() => {
    if (!runId) return;
    let live = true;
    getClient()
      .call('runs.get', { id: runId })
      .then(
        (r) => live && (setRun(r), setError(null)),
        (err: unknown) => live && setError(errorText(err)),
      );
    return () => {
      live = false;
    };
  }, [runId]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const shown = run && run.id === runId ? run : null;
  return (
    <aside className="cmp-slideover" role="dialog" aria-label={`Run of ${arm}`}>
      <header className="cmp-slideover-header">
        <h2>{arm}</h2>
        <span className="spacer" />
        <Button variant="ghost" size="sm" onClick={onClose} aria-label="Close">
          ×
        </Button>
      </header>
      <div className="cmp-slideover-body">
        <section>
          <h3>Question</h3>
          <p className="cmp-slideover-question">{item.question}</p>
          <p className="muted">
            Reference answer: <span className="mono">{item.answer}</span>
          </p>
        </section>
        {cells.length > 1 && (
          <nav className="cmp-samples" aria-label="Samples">
            {cells.map((c, i) => (
              <button key={c.runId} type="button" className={i === sample ? 'cmp-sample is-active' : 'cmp-sample'} onClick={() => setSample(i)} aria-pressed={i === sample}>
                #{c.sample} {c.correct === null ? '–' : c.correct ? '✓' : '✗'}
              </button>
            ))}
          </nav>
        )}
        {!cell && <p className="muted">This cell has not run yet.</p>}
        {error && <div className="error-box">{error}</div>}
        {cell && !shown && !error && <p className="muted">Loading the run…</p>}
        {shown && (
          <>
            <section className="cmp-slideover-facts">
              <StatusBadge status={shown.status} />
              <span>
                Answer: <strong className="mono">{shown.answer ?? '–'}</strong>
              </span>
              {shown.correct !== null && <span className={shown.correct ? 'cmp-correct' : 'cmp-wrong'}>{shown.correct ? 'correct' : 'wrong'}</span>}
              <span className="faint">seed {shown.seed}</span>
              <span className="spacer" />
              <a href={`#/runs/${encodeURIComponent(shown.id)}`} className="cmp-trace-link">
                Open trace ›
              </a>
            </section>
            {shown.error && (
              <div className="error-box">
                {shown.error.code}: {shown.error.message}
              </div>
            )}
            <section>
              <h3>Metrics</h3>
              <dl className="kv cmp-metrics">
                {metricRows(shown).map(([k, v]) => (
                  <div key={k}>
                    <dt>{k}</dt>
                    <dd className="num">{v}</dd>
                  </div>
                ))}
              </dl>
            </section>
            <section>
              <h3>Output</h3>
              <pre className="cmp-output">{shown.output || '(empty)'}</pre>
            </section>
            <div>
              <ExportMenu runIds={[shown.id]} label="Export this run" />
            </div>
          </>
        )}
      </div>
    </aside>
  );
}
