// ExperimentDetail: one experiment: progress with pause / resume / cancel, setup warnings, the
// per-arm aggregates with deltas against the baseline, the results matrix (with "differences only"
// and a slide-over per cell), charts, the repeated-sampling view when k > 1, the test-time scaling
// view when an arm is repeated_sampling, and exports.
import { useMemo, useState } from 'react';
import type { Experiment } from '@app/experiments';
import { errorText, getClient } from '../api/workbench';
import { ExportMenu } from '../panels/export/ExportMenu';
import { navigate, useRoute } from '../state/router';
import { pushToast } from '../state/toasts';
import { Button, Tabs } from '../ui';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { AggregateTable } from './AggregateTable';
import { CellSlideOver } from './CellSlideOver';
import { ExperimentCharts } from './ExperimentCharts';
import { ExperimentStatusBadge } from './ExperimentStatusBadge';
import { putExperiment, useExperiments } from './experiments-store';
import { buildMatrixRows, itemCompareRunIds, runIdsOf } from './matrix-rows';
import { ProgressBar } from './ProgressBar';
import { RepeatedSamplingView } from './RepeatedSamplingView';
import { ScalingView } from './ScalingView';
import { ResultsMatrix } from './ResultsMatrix';
import { useExperimentResults } from './use-experiment-results';
import { WarningsList } from './WarningsList';

type View = 'matrix' | 'charts' | 'repeated' | 'scaling';

/** The page of experiment `id`. */
export function ExperimentDetail({ id }: { id: string }) {
  const { results, error, reload } = useExperimentResults(id);
  const progress = useExperiments((s) => s.progress[id]);
  const route = useRoute();
  const differencesOnly = route.query.diff === '1';
  const [view, setView] = useState<View>('matrix');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [open, setOpen] = useState<{ itemId: string; arm: string } | null>(null);
  const [acting, setActing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const arms = useMemo(() => results?.experiment.spec.arms.map((a) => a.label) ?? [], [results]);
  const rows = useMemo(() => (results ? buildMatrixRows(results, arms, differencesOnly) : []), [results, arms, differencesOnly]);
  if (error && !results) return <div className="error-box">{error}</div>;
  if (!results) return <p className="muted">Loading the experiment…</p>;

  const experiment = results.experiment;
  const status = progress?.status ?? experiment.status;
  const done = progress?.done ?? experiment.done;
  const total = progress?.total ?? experiment.total;
  const { spec } = experiment;
  const baseline = spec.arms.find((a) => a.baseline)?.label ?? null;
  const repeated = spec.samplesPerItem > 1;
  const scaling = spec.arms.some((a) => a.config.method === 'repeated_sampling');
  const openRow = open ? rows.find((r) => r.item.id === open.itemId) ?? buildMatrixRows(results, arms, false).find((r) => r.item.id === open.itemId) : null;
  const selectedRows = rows.filter((r) => selected.has(r.item.id));
  const selectionRuns = runIdsOf(selectedRows);

  const act = async (call: () => Promise<Experiment | void>, title: string) => {
    setActing(true);
    try {
      const e = await call();
      if (e) putExperiment(e);
      reload();
    } catch (err) {
      pushToast({ kind: 'error', title, message: errorText(err) });
    } finally {
      setActing(false);
    }
  };
  const client = getClient();
  const setDiff = (on: boolean) => navigate('compare', [id], on ? { diff: '1' } : {});

  return (
    <div className="cmp-detail">
      <header className="page-header">
        <Button variant="ghost" size="sm" onClick={() => navigate('compare')} aria-label="Back to experiments">
          ‹
        </Button>
        <h1>{spec.name}</h1>
        <ExperimentStatusBadge status={status} />
        <span className="spacer" />
        {(status === 'running' || status === 'queued') && (
          <Button disabled={acting} onClick={() => void act(() => client.call('experiments.pause', { id }), 'Pause failed')}>
            Pause
          </Button>
        )}
        {(status === 'paused' || status === 'cancelled' || status === 'failed') && done < total && (
          <Button variant="primary" disabled={acting} onClick={() => void act(() => client.call('experiments.start', { id }), 'Resume failed')}>
            Resume
          </Button>
        )}
        {status !== 'completed' && status !== 'cancelled' && (
          <Button disabled={acting} onClick={() => void act(() => client.call('experiments.cancel', { id }), 'Cancel failed')}>
            Cancel
          </Button>
        )}
        {(status === 'completed' || status === 'cancelled' || status === 'failed') && (
          <>
            <Button
              disabled={acting || results.datasetDeleted}
              title={results.datasetDeleted ? 'Its dataset was deleted: clone it onto another dataset instead' : 'Run the same spec again as a new experiment'}
              onClick={() =>
                void act(async () => {
                  const again = await client.call('experiments.create', { ...spec, name: `${spec.name} (re-run)`.slice(0, 200), datasetVersion: undefined });
                  putExperiment(again);
                  navigate('compare', [again.id]);
                }, 'Re-run failed')
              }
              data-testid="rerun-experiment"
            >
              Re-run
            </Button>
            <Button title="A new experiment from this one: add arms or items, change settings" onClick={() => navigate('compare', ['new'], { from: id })} data-testid="clone-experiment">
              Clone / add arms or items…
            </Button>
          </>
        )}
        <Button variant="danger" disabled={acting} onClick={() => setConfirmDelete(true)}>
          Delete
        </Button>
      </header>
      <ProgressBar done={done} total={total} etaMs={status === 'running' ? (progress?.etaMs ?? null) : null} label="Experiment progress" />
      <p className="muted cmp-detail-meta">
        {results.items.length} items × {spec.arms.length} arms × {spec.samplesPerItem} sample{spec.samplesPerItem === 1 ? '' : 's'} · base seed {spec.baseSeed} · dataset{' '}
        {results.datasetDeleted ? (
          <span data-testid="dataset-deleted">{spec.datasetId} (deleted)</span>
        ) : (
          <a href={`#/datasets/${encodeURIComponent(spec.datasetId)}`}>{spec.datasetId}</a>
        )}
        {progress?.current && status === 'running' ? ` · now: ${progress.current.arm}, sample ${progress.current.sample}` : ''}
      </p>
      {results.datasetDeleted && (
        <p className="cmp-dataset-deleted" role="status">
          The dataset of this experiment was deleted: its questions are shown as each run stored its prompt; reference answers and item details went with the dataset.
        </p>
      )}
      <WarningsList warnings={results.warnings} />
      <section className="section">
        <header>
          <h2>Per arm</h2>
          <span className="spacer" />
          <ExportMenu experimentId={id} label="Export experiment" testId="export-experiment" />
        </header>
        <div className="section-body">
          <AggregateTable aggregates={results.aggregates} />
        </div>
      </section>
      <section className="section cmp-results">
        <header>
          <Tabs<View>
            label="Result views"
            items={[
              { id: 'matrix', label: 'Matrix', extra: rows.length },
              { id: 'charts', label: 'Charts' },
              ...(repeated ? [{ id: 'repeated' as const, label: 'Repeated sampling' }] : []),
              ...(scaling ? [{ id: 'scaling' as const, label: 'Test-time scaling' }] : []),
            ]}
            value={view}
            onChange={setView}
          />
          <span className="spacer" />
          {view === 'matrix' && (
            <label className="cmp-toggle">
              <input type="checkbox" checked={differencesOnly} onChange={(e) => setDiff(e.currentTarget.checked)} /> Differences only
            </label>
          )}
        </header>
        <div className="section-body">
          {view === 'matrix' && (
            <>
              <ResultsMatrix
                rows={rows}
                arms={arms}
                baseline={baseline}
                repeated={repeated}
                selected={selected}
                onSelect={(itemId, on) =>
                  setSelected((s) => {
                    const next = new Set(s);
                    if (on) next.add(itemId);
                    else next.delete(itemId);
                    return next;
                  })
                }
                onSelectAll={(on) => setSelected(on ? new Set(rows.map((r) => r.item.id)) : new Set())}
                onOpen={(itemId, arm) => setOpen({ itemId, arm })}
                onCompare={(itemId) => {
                  const row = rows.find((r) => r.item.id === itemId);
                  const ids = row ? itemCompareRunIds(row, arms) : [];
                  if (ids.length < 2) pushToast({ kind: 'info', title: 'Nothing to compare yet', message: 'At least two arms must have run this item.' });
                  else navigate('runs', ['compare'], { ids: ids.join(','), back: `#/compare/${encodeURIComponent(id)}`, backLabel: spec.name });
                }}
                emptyText={differencesOnly ? 'No item where the arms disagree (in correctness or answer) so far.' : 'No items.'}
              />
              <div className="cmp-selection">
                <span className="muted">
                  {selectedRows.length} item{selectedRows.length === 1 ? '' : 's'} selected ({selectionRuns.length} runs)
                </span>
                <ExportMenu runIds={selectionRuns} label="Export selection" />
              </div>
            </>
          )}
          {view === 'charts' && <ExperimentCharts aggregates={results.aggregates} />}
          {view === 'repeated' && repeated && <RepeatedSamplingView results={results} />}
          {view === 'scaling' && scaling && <ScalingView results={results} />}
        </div>
      </section>
      <ConfirmDialog
        open={confirmDelete}
        title={`Delete experiment "${spec.name}"?`}
        confirmLabel="Delete experiment"
        onClose={() => setConfirmDelete(false)}
        onConfirm={() =>
          act(async () => {
            await client.call('experiments.delete', { id });
            useExperiments.setState((s) => ({ experiments: s.experiments?.filter((e) => e.id !== id) ?? null }));
            navigate('compare');
          }, 'Delete failed')
        }
      >
        <p>The experiment and its {experiment.total} runs are removed from the database. This cannot be undone.</p>
      </ConfirmDialog>
      {open && openRow && <CellSlideOver key={`${open.itemId}/${open.arm}`} item={openRow.item} arm={open.arm} cells={openRow.arms[open.arm]?.cells ?? []} onClose={() => setOpen(null)} />}
    </div>
  );
}
