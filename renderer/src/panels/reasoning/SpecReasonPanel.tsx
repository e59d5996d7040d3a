// The SpecReason run panel: totals (accepted share of judged steps, large-model share of output
// tokens, judge time, time saved against the large model alone with the basis of the estimate said)
// and the reasoning trace as a list of steps with author, score, distribution and folded rejections.
import { useEffect, useMemo, useState } from 'react';
import type { MethodConfigOf } from '@app/methods';
import type { StepEvent, TokenEvent } from '@app/events';
import type { RunMetrics } from '@app/runs';
import { findSamePromptRuns } from '../draft-tree/same-prompt-runs';
import { StatTile } from '../draft-tree/StatTile';
import type { MethodPanelProps } from '../trace/method-panel-props';
import { Button } from '../../ui';
import { OwnerLegend } from './OwnerLegend';
import { stepTotals, timeSaving } from './specreason-stats';
import { StepCard } from './StepCard';
import './reasoning.css';

function pct(v: number | null): string {
  return v === null ? '—' : `${(v * 100).toFixed(1)}%`;
}

function secs(ms: number): string {
  return Math.abs(ms) >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

/** SpecReason panel. */
export function SpecReasonPanel({ run, events, live }: MethodPanelProps) {
  const config = run.config.method === 'specreason' ? (run.config as MethodConfigOf<'specreason'>) : null;
  const threshold = config?.params.threshold ?? 7;
  const count = events.length;
  // `count` is the version: the live array grows in place, so its identity never changes.
  const { steps, tokens } = useMemo(() => {
    const steps: StepEvent[] = [];
    const tokens: TokenEvent[] = [];
    for (let i = 0; i < count; i++) {
      const e = events[i]!;
      if (e.kind === 'step') steps.push(e);
      else if (e.kind === 'token') tokens.push(e);
    }
    return { steps, tokens };
  }, [events, count]);
  const totals = useMemo(() => stepTotals(steps, tokens), [steps, tokens]);
  const [open, setOpen] = useState<Set<number>>(new Set());
  const [largeAlone, setLargeAlone] = useState<RunMetrics | null>(null);

  // A large-alone run of the same prompt measures the saving directly, when one exists.
  const largeModel = config?.models.large.model ?? null;
  useEffect(() => {
    if (live || !largeModel) return;
    let cancelled = false;
    findSamePromptRuns(run)
      .then((rs) => {
        const alone = rs.filter((r) => r.method === 'autoregressive' && r.models[0] === largeModel && r.metrics).sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
        if (!cancelled) setLargeAlone(alone?.metrics ?? null);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [run, live, largeModel]);

  const saving = timeSaving(totals, steps, live ? null : run.metrics, largeAlone);
  const rejectedCount = steps.filter((s) => !s.accepted && !s.forced && s.smallText !== undefined).length;
  const toggle = (i: number) =>
    setOpen((o) => {
      const next = new Set(o);
      if (next.has(i)) next.delete(i);
      else next.add(i);
      return next;
    });

  return (
    <section className="section" aria-labelledby="mp-sr-h" data-testid="specreason-panel">
      <header>
        <h3 id="mp-sr-h">SpecReason steps</h3>
      </header>
      <div className="section-body mp-panels">
        <div className="mp-stats">
          <StatTile label="steps accepted" value={pct(totals.acceptedShare)} sub={`${totals.accepted} of ${totals.steps - totals.forced} small drafts${totals.forced ? ` · ${totals.forced} forced to large` : ''}`} testId="sr-accepted" />
          <StatTile label="large-model share" value={pct(totals.largeShare)} sub={`${totals.largeFinalTokens} of ${totals.finalTokens} output tokens`} />
          <StatTile label="judge time" value={secs(totals.judgeMs)} sub={`${totals.judged} scores · threshold ${threshold}`} />
          <StatTile
            label={saving && saving.basis !== 'large-alone run' ? 'time saved vs large alone (estimate)' : 'time saved vs large alone'}
            value={saving ? `${saving.basis === 'large-alone run' ? '' : '≈ '}${secs(saving.savedMs)} (${saving.speedup.toFixed(2)}× wall time)` : '—'}
            sub={
              saving
                ? saving.basis === 'large-alone run'
                  ? `measured on a large-alone run${largeAlone?.coldStart || run.metrics?.coldStart ? ' · a cold run: timings read high' : ''}`
                  : 'estimated from large-model steps, not measured: run the large model alone for a measurement'
                : 'needs a large-model step or a large-alone run'
            }
            hint={saving?.detail ?? 'No large-model step timings in this run and no autoregressive run of the large model on this prompt.'}
            testId="sr-saving"
          />
          <StatTile label="time by part" value={`${secs(totals.smallMs)} · ${secs(totals.judgeMs)} · ${secs(totals.largeMs)}`} sub="small · judge · large" />
        </div>
        <div className="rs-toolbar">
          <OwnerLegend />
          <span className="spacer" />
          {rejectedCount > 0 && (
            <>
              <Button size="sm" variant="ghost" onClick={() => setOpen(new Set(steps.map((s) => s.index)))}>
                Expand rejected ({rejectedCount})
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setOpen(new Set())}>
                Collapse all
              </Button>
            </>
          )}
        </div>
        {steps.length === 0 ? (
          <div className="mp-empty">Steps appear as the judge scores them.</div>
        ) : (
          <ol className="rs-steps" aria-label="Reasoning steps">
            {steps.map((s) => (
              <StepCard key={s.index} step={s} threshold={threshold} open={open.has(s.index)} onToggle={toggle} />
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
