// The run comparison (#/runs/compare?ids=a,b,...): 2-6 runs side by side, opened from the Runs list's
// selection or from an experiment item across its arms. Their metrics in one table, their token
// streams aligned with differences highlighted, their entropy on one token axis, and their method
// panels (draft trees, step cards, entropy timelines, routing) in aligned columns.
import { useMemo } from 'react';
import { DeferredMethodPanels } from '../../panels/run/DeferredMethodPanels';
import { uniqueLabels } from '../../panels/draft-tree/compare-runs';
import { Icon } from '../../ui/Icon';
import { routeHash } from '../../state/router';
import { StatusBadge } from '../../ui';
import { AlignedStreams } from './AlignedStreams';
import { CompareMetricsTable } from './CompareMetricsTable';
import { EntropyOverlay } from './EntropyOverlay';
import { MAX_COMPARED_RUNS, useComparedRuns } from './use-compared-runs';
import './run-compare.css';

export interface RunComparePageProps {
  ids: readonly string[];
  /** Where "back" goes (the Runs list, or the experiment the runs came from). */
  backHash?: string;
  backLabel?: string;
}

/** The comparison page. */
export function RunComparePage({ ids, backHash, backLabel }: RunComparePageProps) {
  // Only in-app routes: the query is user-editable, so no other scheme may reach the link.
  const back = backHash?.startsWith('#/') ? backHash : routeHash('runs');
  const { runs, errors } = useComparedRuns(ids);
  const labels = useMemo(() => {
    if (!runs) return [];
    const unique = uniqueLabels(runs.map((r) => r.record));
    return runs.map((r, i) => `${i + 1} · ${unique.get(r.record.id) ?? r.record.id}`);
  }, [runs]);
  const samePrompt = useMemo(() => !runs || runs.every((r) => JSON.stringify(r.record.prompt) === JSON.stringify(runs[0]!.record.prompt)), [runs]);
  const hasEntropy = runs?.some((r) => r.events.some((e) => e.kind === 'token')) ?? false;

  return (
    <div className="page rc-page" data-testid="run-compare">
      <div className="page-header">
        <a className="run-back" href={back}>
          <Icon name="back" size={14} /> {back === backHash && backLabel ? backLabel : 'Runs'}
        </a>
        <span className="faint">/</span>
        <h1>Compare {runs ? runs.length : ids.length} runs</h1>
      </div>
      {ids.length > MAX_COMPARED_RUNS && <div className="error-box">Only the first {MAX_COMPARED_RUNS} of {ids.length} runs are compared.</div>}
      {ids.length < 2 && <div className="error-box">Pick at least two runs to compare.</div>}
      {errors.map((e) => (
        <div key={e} className="error-box" role="alert">
          {e}
        </div>
      ))}
      {runs === null ? (
        <div className="empty-state">Loading the runs…</div>
      ) : (
        <>
          <div className="rc-chips">
            {runs.map((r, i) => (
              <a key={r.record.id} className="rc-chip" href={routeHash('runs', [r.record.id])} title={`Open run ${r.record.id}`}>
                <StatusBadge status={r.record.status} /> {labels[i]}
              </a>
            ))}
          </div>
          {!samePrompt && <p className="muted">These runs had different prompts: token differences partly reflect that.</p>}
          <section className="section">
            <header>
              <h2>Metrics</h2>
              <span className="faint">rows whose values differ are marked</span>
            </header>
            <div className="section-body">
              <CompareMetricsTable runs={runs.map((r) => r.record)} labels={labels} />
            </div>
          </section>
          <section className="section">
            <header>
              <h2>Token streams</h2>
            </header>
            <div className="section-body">
              <AlignedStreams runs={runs} labels={labels} />
            </div>
          </section>
          {hasEntropy && (
            <section className="section">
              <header>
                <h2>Entropy by token</h2>
                <span className="faint">all runs on one token axis; scroll or drag the slider to zoom</span>
              </header>
              <div className="section-body">
                <EntropyOverlay runs={runs} labels={labels} />
              </div>
            </section>
          )}
          <section className="section">
            <header>
              <h2>Method panels</h2>
              <span className="faint">side by side; scroll sideways for more</span>
            </header>
            <div className="section-body rc-panels" data-columns={runs.length}>
              {runs.map((r, i) => (
                <div key={r.record.id} className="rc-panel-col" data-testid="compare-panels">
                  <div className="rc-col-head">
                    <strong>{labels[i]}</strong>
                  </div>
                  <DeferredMethodPanels run={r.record} events={r.events} live={false} />
                  {r.record.method === 'autoregressive' && <p className="faint">Autoregressive: no method panels.</p>}
                </div>
              ))}
            </div>
          </section>
        </>
      )}
    </div>
  );
}
