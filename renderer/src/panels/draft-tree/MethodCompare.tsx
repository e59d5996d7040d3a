// Compare methods on the same prompt: finds stored runs with exactly this run's prompt (Runs search on
// the prompt preview, then the records compared in full), lets the user pick which to overlay on the
// acceptance-by-position chart, and tabulates method, mean acceptance length, tokens/s and speedup vs
// an autoregressive run of the same target model (offering to start that baseline when missing).
import { useCallback, useEffect, useMemo, useState } from 'react';
import { defineFigure } from '@app/metric-definitions';
import type { RunRecord } from '@app/runs';
import { errorText, getClient } from '../../api/workbench';
import { Button, formatDateTime } from '../../ui';
import { WideTable } from '../../ui/WideTable';
import type { CompareRun } from './compare-runs';
import { autoregressiveBaseline, baselineModelOf, compareRows, uniqueLabels } from './compare-runs';
import { findSamePromptRuns } from './same-prompt-runs';

export interface CompareSeries {
  label: string;
  values: number[];
}

export interface MethodCompareProps {
  run: RunRecord;
  onOverlays: (series: CompareSeries[]) => void;
}

const AUTO_PICK = 3;

function toCompare(r: RunRecord): CompareRun {
  return { id: r.id, method: r.method, models: r.models, configLabel: r.configLabel, createdAt: r.createdAt, metrics: r.metrics };
}

function fmt(v: number | null, digits: number, suffix = ''): string {
  return v === null ? '—' : `${v.toFixed(digits)}${suffix}`;
}

/** The comparison section under the acceptance charts. */
export function MethodCompare({ run, onOverlays }: MethodCompareProps) {
  const [others, setOthers] = useState<RunRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [baselineRun, setBaselineRun] = useState<{ id: string; status: string } | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let cancelled = false;
    findSamePromptRuns(run)
      .then((rs) => {
        if (cancelled) return;
        setOthers(rs);
        // Start with the latest run of each other speculative method picked.
        const seen = new Set<string>([run.method]);
        const auto = new Set<string>();
        for (const r of [...rs].sort((a, b) => b.createdAt.localeCompare(a.createdAt))) {
          if (auto.size >= AUTO_PICK || seen.has(r.method) || !r.metrics?.perPositionAcceptance?.length) continue;
          seen.add(r.method);
          auto.add(r.id);
        }
        setPicked(auto);
      })
      .catch((err) => !cancelled && setError(errorText(err)));
    return () => {
      cancelled = true;
    };
  }, [run, reload]);

  const baselineModel = baselineModelOf(run.config);
  const baseline = useMemo(() => (others ? autoregressiveBaseline(others.map(toCompare), baselineModel) : null), [others, baselineModel]);
  const overlayable = useMemo(() => (others ?? []).filter((r) => r.metrics?.perPositionAcceptance?.length), [others]);
  const labels = useMemo(() => uniqueLabels(others ?? []), [others]);
  const pickedRuns = useMemo(() => (others ?? []).filter((r) => picked.has(r.id)), [others, picked]);
  const rows = useMemo(() => compareRows(toCompare(run), pickedRuns.map(toCompare), baseline), [run, pickedRuns, baseline]);

  useEffect(() => {
    onOverlays(pickedRuns.filter((r) => r.metrics?.perPositionAcceptance?.length).map((r) => ({ label: labels.get(r.id) ?? r.id, values: r.metrics!.perPositionAcceptance! })));
  }, [pickedRuns, onOverlays, labels]);

  // Poll the baseline run the user started until it finishes, then reload the comparison.
  useEffect(() => {
    if (!baselineRun || baselineRun.status !== 'running') return;
    const timer = setInterval(() => {
      getClient()
        .call('runs.get', { id: baselineRun.id })
        .then((r) => {
          if (r.status !== 'queued' && r.status !== 'running') {
            setBaselineRun({ id: r.id, status: r.status });
            setReload((n) => n + 1);
          }
        })
        .catch(() => undefined);
    }, 1000);
    return () => clearInterval(timer);
  }, [baselineRun]);

  const startBaseline = useCallback(() => {
    const sampling = 'sampling' in run.config ? run.config.sampling : undefined;
    getClient()
      .call('runs.start', { prompt: run.prompt, config: { method: 'autoregressive', models: { model: { model: baselineModel } }, ...(sampling ? { sampling } : {}) }, tags: ['baseline'] })
      .then(({ runId }) => setBaselineRun({ id: runId, status: 'running' }))
      .catch((err) => setError(errorText(err)));
  }, [run, baselineModel]);

  const toggle = (id: string) =>
    setPicked((p) => {
      const next = new Set(p);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <div className="mp-compare" data-testid="method-compare">
      <div className="mp-chart-title">
        Compare methods on this prompt
        <span className="mp-chart-sub">
          {others === null ? 'looking for runs with the same prompt…' : `${others.length} other completed run${others.length === 1 ? '' : 's'} with exactly this prompt`}
        </span>
      </div>
      {error && <div className="error-box">{error}</div>}
      {overlayable.length > 0 && (
        <div className="mp-compare-pick" role="group" aria-label="Runs to overlay">
          <span className="faint">overlay:</span>
          {overlayable.map((r) => (
            <label key={r.id} title={`${r.id} · ${formatDateTime(r.createdAt)}`}>
              <input type="checkbox" checked={picked.has(r.id)} onChange={() => toggle(r.id)} />
              {labels.get(r.id)}
            </label>
          ))}
        </div>
      )}
      <WideTable label="Methods on this prompt (scrolls sideways)" tableId="compare-methods">
      <table className="mp-table">
        <thead>
          <tr>
            <th>run</th>
            <th className="num">mean acceptance length</th>
            <th className="num" title={defineFigure('wallTokensPerS')}>tokens/s</th>
            <th className="num" title={defineFigure('decodeTokensPerS')}>decode tokens/s</th>
            <th className="num" title={defineFigure('speedup')}>
              speedup vs autoregressive
            </th>
            <th className="num" title={defineFigure('decodeSpeedup')}>
              decode-only speedup
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className={r.isCurrent ? 'is-current' : undefined}>
              <td>
                {r.label}
                {r.isCurrent ? ' (this run)' : r.isBaseline ? ' (baseline)' : ''}
                {r.cold && (
                  <span className="faint" title={defineFigure('coldStart')}>
                    {' '}
                    (cold)
                  </span>
                )}
                {r.emptyReason && <span className="faint"> · 0 tokens: {r.emptyReason}</span>}
              </td>
              <td className="num">{fmt(r.meanAcceptanceLength, 2)}</td>
              <td className="num">{fmt(r.tokensPerS, 1)}</td>
              <td className="num">{fmt(r.decodeTokensPerS, 1)}</td>
              <td className="num">{fmt(r.speedup, 2, '×')}</td>
              <td className="num">{fmt(r.decodeSpeedup, 2, '×')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </WideTable>
      {others && !baseline && (
        <div className="mp-empty">
          No autoregressive run of {baselineModel} on this prompt: speedup needs one.{' '}
          <Button size="sm" onClick={startBaseline} disabled={baselineRun?.status === 'running'}>
            {baselineRun?.status === 'running' ? 'Running baseline…' : 'Run the baseline'}
          </Button>
        </div>
      )}
    </div>
  );
}
