// The entropy-adaptive decoding (EAD) run panel: summary (large-model share, parameter-weighted cost,
// switches and their catch-up), the run's parameters with the ones the paper leaves open marked as
// tunables, the entropy/switch timeline, and the tau sweep form for a dataset.
import { defineFigure } from '@app/metric-definitions';
import { useMemo, useState } from 'react';
import type { MethodConfigOf } from '@app/methods';
import { StatTile } from '../draft-tree/StatTile';
import type { MethodPanelProps } from '../trace/method-panel-props';
import { Button, Tooltip } from '../../ui';
import { eadSeries, eadSummary } from './ead-series';
import { EntropyTimeline } from './EntropyTimeline';
import { OwnerLegend } from './OwnerLegend';
import { TauSweep } from './TauSweep';
import './reasoning.css';
import { Term } from '../../ui/Term';

const UNVERIFIED = 'unverified in the paper: a tunable';

function pct(v: number | null): string {
  return v === null ? '—' : `${(v * 100).toFixed(1)}%`;
}

/** EAD panel. */
export function EadPanel({ run, events, live }: MethodPanelProps) {
  const config = run.config.method === 'ead' ? (run.config as MethodConfigOf<'ead'>) : null;
  // Entropies are traced in nats; tau is in the config's unit (bits by default, as the paper's).
  const tau = (config?.params.tau ?? 1) * ((config?.params.entropyUnit ?? 'bits') === 'bits' ? Math.LN2 : 1);
  const window = config?.params.window ?? 8;
  const count = events.length;
  // `count` is the version: the live array grows in place, so its identity never changes.
  const series = useMemo(() => eadSeries(events.slice(0, count), window, tau), [events, count, window, tau]);
  const summary = eadSummary(series, live ? null : run.metrics);
  const [sweepOpen, setSweepOpen] = useState(false);

  return (
    <section className="section" aria-labelledby="mp-ead-h" data-testid="ead-panel">
      <header>
        <h3 id="mp-ead-h">Entropy-adaptive decoding</h3>
      </header>
      <div className="section-body mp-panels">
        <div className="mp-stats">
          <StatTile label="large-model share" value={pct(summary.largeShare)} sub={`${summary.largeTokens} of ${summary.largeTokens + summary.smallTokens} tokens`} testId="ead-large-share" />
          <StatTile
            label="param-weighted cost"
            value={summary.paramWeightedCost === null ? (live ? 'at the end' : '—') : summary.paramWeightedCost.toFixed(3)}
            sub="vs the large model alone = 1"
            hint={defineFigure('paramWeightedCost')}
          />
          <StatTile label="switches" value={String(summary.switches)} sub={
              <>
                {summary.catchUpTokens} <Term term="catch-up tokens" /> · {summary.catchUpMs.toFixed(0)} ms
              </>
            } />
          <StatTile label="tokens" value={String(summary.tokens)} />
        </div>
        {config && (
          <div className="rs-params" aria-label="EAD parameters">
            <span>
              τ <b className="num">{config.params.tau}</b> {config.params.entropyUnit ?? 'bits'}
            </span>
            <Tooltip content={`Rolling window: ${UNVERIFIED}. The paper smooths entropy over a window but does not state its length.`}>
              <span className="rs-tunable" tabIndex={0}>
                window <b className="num">{config.params.window}</b>
              </span>
            </Tooltip>
            <Tooltip content={`Minimum dwell d_min: tokens the generating model writes before any switch (${config.params.dwellFor === 'large' ? 'large model only' : 'both models, the paper\'s c >= d_min'}); its value: ${UNVERIFIED}.`}>
              <span className="rs-tunable" tabIndex={0}>
                min dwell <b className="num">{config.params.minDwell}</b>
              </span>
            </Tooltip>
            <Tooltip content={`Whose next-token entropy feeds the mean (the generating model's, or always the small one's): ${UNVERIFIED}.`}>
              <span className="rs-tunable" tabIndex={0}>
                entropy of <b>{config.params.entropySource === 'small' ? 'the small model' : 'the generating model'}</b>
              </span>
            </Tooltip>
            <span className="faint">
              small {config.models.small.model} · large {config.models.large.model}
            </span>
            <span className="spacer" />
            <OwnerLegend />
          </div>
        )}
        {series.points.length === 0 ? <div className="mp-empty">Entropy appears with the first token.</div> : <EntropyTimeline series={series} tau={tau} live={live} />}
        {config && !live && (
          <div>
            <Button size="sm" onClick={() => setSweepOpen((o) => !o)} aria-expanded={sweepOpen}>
              {sweepOpen ? 'Hide tau sweep' : 'Sweep tau on a dataset…'}
            </Button>
            {sweepOpen && <TauSweep initial={config} />}
          </div>
        )}
      </div>
    </section>
  );
}
