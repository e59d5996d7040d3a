// The repeated-sampling run panel: every sample with its answer, verifier score, correctness (where
// the run had a gold answer) and the selected one marked; the vote tally above. Keyboard: the rows
// are one tab stop (roving focus): ArrowUp/ArrowDown/Home/End move, Enter or Space opens a sample's text.
import { useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { MethodConfigOf } from '@app/methods';
import { StatTile } from '../draft-tree/StatTile';
import type { MethodPanelProps } from '../trace/method-panel-props';
import { Badge } from '../../ui';
import { nextRow, sampleTotals, samplesOf } from './sample-list';
import './scaling.css';

const verifierLabel = { judge_orm: 'judge (outcome)', judge_prm: 'judge (per step)', mean_logprob: 'mean log-prob' } as const;

/** Repeated-sampling panel. */
export function SamplesPanel({ run, events, live }: MethodPanelProps) {
  const config = run.config.method === 'repeated_sampling' ? (run.config as MethodConfigOf<'repeated_sampling'>) : null;
  const count = events.length;
  // `count` is the version: the live array grows in place, so its identity never changes.
  const samples = useMemo(() => samplesOf(events, count), [events, count]);
  const totals = useMemo(() => sampleTotals(samples), [samples]);
  const [focus, setFocus] = useState(0);
  const [open, setOpen] = useState<Set<number>>(new Set());
  const rows = useRef<(HTMLTableRowElement | null)[]>([]);

  const toggle = (index: number) =>
    setOpen((o) => {
      const next = new Set(o);
      if (next.has(index)) next.delete(index);
      else next.add(index);
      return next;
    });
  const onKeyDown = (e: KeyboardEvent<HTMLTableRowElement>, row: number) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      toggle(samples[row]!.index);
      return;
    }
    const to = nextRow(e.key, row, samples.length);
    if (to === null) return;
    e.preventDefault();
    setFocus(to);
    rows.current[to]?.focus();
  };

  const verifier = config ? verifierLabel[config.params.verifier] : 'verifier';
  const selection = config?.params.selection ?? 'majority';
  return (
    <section className="section" aria-labelledby="mp-rs-h" data-testid="samples-panel">
      <header>
        <h3 id="mp-rs-h">Samples</h3>
      </header>
      <div className="section-body mp-panels">
        <div className="mp-stats">
          <StatTile label="samples" value={String(totals.samples)} sub={config ? `of k = ${config.params.k}` : undefined} />
          <StatTile label="distinct answers" value={String(totals.distinctAnswers)} sub={totals.votes[0] ? `mode ${totals.votes[0].answer} (${totals.votes[0].count} votes)` : 'no answer found'} />
          <StatTile label="correct" value={totals.correct === null ? '—' : `${totals.correct} of ${totals.samples}`} hint="Graded against the dataset item's answer; a free prompt has none." testId="samples-correct" />
          <StatTile label="selected" value={totals.selected ? `#${totals.selected.index}` : '—'} sub={`by ${selection}${selection === 'verifier' ? ` (${verifier})` : ''}`} testId="samples-selected" />
        </div>
        {samples.length === 0 ? (
          <p className="rsm-empty">{live ? 'Sampling… the list fills in once every sample is scored.' : 'This run recorded no samples.'}</p>
        ) : (
          <table className="rsm-table" aria-label="Samples: arrow keys move, Enter opens a sample's text">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">answer</th>
                <th scope="col" title={`The ${verifier} verifier's score in [0, 1]`}>score</th>
                <th scope="col">correct</th>
                <th scope="col">tokens</th>
                <th scope="col">selected</th>
              </tr>
            </thead>
            <tbody>
              {samples.map((s, row) => {
                const isOpen = open.has(s.index);
                return [
                  <tr
                    key={s.index}
                    ref={(el) => {
                      rows.current[row] = el;
                    }}
                    className={s.selected ? 'rsm-row is-selected' : 'rsm-row'}
                    tabIndex={row === Math.min(focus, samples.length - 1) ? 0 : -1}
                    aria-expanded={isOpen}
                    aria-selected={s.selected}
                    onKeyDown={(e) => onKeyDown(e, row)}
                    onClick={() => {
                      setFocus(row);
                      toggle(s.index);
                    }}
                    onFocus={() => setFocus(row)}
                    data-testid="sample-row"
                    data-index={s.index}
                    data-answer={s.answer ?? ''}
                    data-correct={s.correct === null ? 'unknown' : String(s.correct)}
                    data-selected={String(s.selected)}
                  >
                    <td>{s.index}</td>
                    <td className="rsm-answer">{s.answer ?? <em>none</em>}</td>
                    <td title={s.stepScores ? `step scores: ${s.stepScores.map((v) => v.toFixed(2)).join(', ')}` : `mean log-prob ${s.meanLogprob.toFixed(3)}`}>{s.score.toFixed(3)}</td>
                    <td>{s.correct === null ? '—' : s.correct ? <Badge tone="success">correct</Badge> : <Badge tone="danger">wrong</Badge>}</td>
                    <td>{s.tokens}</td>
                    <td>{s.selected ? <Badge tone="neutral">selected</Badge> : ''}</td>
                  </tr>,
                  isOpen && (
                    <tr key={`${s.index}-text`} className="rsm-text-row">
                      <td colSpan={6}>
                        <pre className="rsm-text" data-testid="sample-text">{s.text}</pre>
                        <span className="rsm-meta">seed {s.seed} · stopped by {s.stopReason}</span>
                      </td>
                    </tr>
                  ),
                ];
              })}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
