// Experts page (RICE): calibrate an MoE model's cognitive experts against thinking markers (nPMI),
// browse the stored nPMI tables as a layer x expert heatmap with the chosen top experts marked, pick
// experts by clicking cells, and steer them: one prompt or a dataset, steered vs unsteered, with
// accuracy and reasoning length side by side.
import { useEffect, useMemo, useState } from 'react';
import type { NpmiTable } from '@app/api';
import type { Dataset } from '@app/datasets';
import type { ExpertId } from '@app/methods';
import { errorText, getClient } from '../api/workbench';
import { loadModels, useModels } from '../state/models';
import { formatDateTime, Select } from '../ui';
import { CalibrationForm } from './CalibrationForm';
import { NpmiHeatmap } from './NpmiHeatmap';
import { toggleExpert } from '../panels/routing/npmi-scale';
import type { SteeringStart } from './SteeringForm';
import { SteeringForm } from './SteeringForm';
import { SteeringResults } from './SteeringResults';
import '../panels/draft-tree/draft-tree.css';
import './experts.css';

/** The Experts page. */
export function ExpertsPage() {
  const models = useModels((s) => s.models);
  const moeModels = useMemo(() => (models ?? []).filter((m) => m.manifest.family === 'moe' || m.capabilities.routerLogits), [models]);
  const [modelId, setModelId] = useState('');
  const [datasets, setDatasets] = useState<Dataset[] | null>(null);
  const [loaded, setLoaded] = useState<{ model: string; tables: NpmiTable[] } | null>(null);
  const [tableId, setTableId] = useState('');
  const [picked, setPicked] = useState<ExpertId[] | null>(null);
  const [start, setStart] = useState<SteeringStart | null>(null);
  const [error, setError] = useState<string | null>(null);

  const model = modelId || moeModels[0]?.id || '';
  const modelInfo = moeModels.find((m) => m.id === model) ?? null;

  useEffect(() => {
    if (!models) void loadModels();
  }, [models]);

  useEffect(() => {
    getClient()
      .call('datasets.list', {})
      .then(setDatasets)
      .catch((err) => setError(errorText(err)));
  }, []);

  useEffect(() => {
    if (!model) return;
    let cancelled = false;
    getClient()
      .call('rice.tables', { modelId: model })
      .then((ts) => !cancelled && setLoaded({ model, tables: [...ts].sort((a, b) => b.createdAt.localeCompare(a.createdAt)) }))
      .catch((err) => !cancelled && setError(errorText(err)));
    return () => {
      cancelled = true;
    };
  }, [model]);

  const tables = loaded?.model === model ? loaded.tables : null;

  const table = tables?.find((t) => t.id === tableId) ?? tables?.[0] ?? null;
  // The picked experts start as the table's top ones and follow the table until the user edits them.
  const pickedExperts = picked ?? (table ? table.top.map(({ layer, expert }) => ({ layer, expert })) : []);
  const toggle = (id: ExpertId) => setPicked(toggleExpert(pickedExperts, id));
  const datasetName = (id: string | null) => datasets?.find((d) => d.id === id)?.name ?? id ?? 'no dataset';

  return (
    <section className="page" data-testid="experts-page">
      <div className="page-header">
        <h1>Experts</h1>
        <span className="muted">RICE: find the MoE experts tied to thinking markers, then reinforce them</span>
        <span className="spacer" />
        <Select
          aria-label="MoE model"
          value={model}
          onChange={(v) => {
            setModelId(v);
            setTableId('');
            setPicked(null);
          }}
          options={moeModels.length > 0 ? moeModels.map((m) => ({ value: m.id, label: `${m.name} · ${m.manifest.moe?.layers.length ?? '?'} MoE layers × ${m.manifest.moe?.experts ?? '?'} experts` })) : [{ value: '', label: models ? 'no MoE model' : 'loading…' }]}
        />
      </div>
      {error && <div className="error-box">{error}</div>}
      <div className="ex-layout">
        <div className="ex-col">
          <section className="section" aria-labelledby="ex-cal-h">
            <header>
              <h2 id="ex-cal-h">Calibrate</h2>
            </header>
            <div className="section-body">
              <CalibrationForm
                model={model ? { model, provider: 'cpu' } : null}
                datasets={datasets}
                onCalibrated={(t) => {
                  setLoaded((l) => ({ model: t.modelId, tables: [t, ...(l?.model === t.modelId ? l.tables : []).filter((x) => x.id !== t.id)] }));
                  setTableId(t.id);
                  setPicked(null);
                }}
              />
            </div>
          </section>
          <section className="section" aria-labelledby="ex-steer-h">
            <header>
              <h2 id="ex-steer-h">Steer</h2>
            </header>
            <div className="section-body">
              <SteeringForm model={model ? { model, provider: 'cpu' } : null} picked={pickedExperts} onUnpick={toggle} datasets={datasets} onStarted={setStart} />
            </div>
          </section>
        </div>
        <div className="ex-col">
          <section className="section" aria-labelledby="ex-npmi-h">
            <header>
              <h2 id="ex-npmi-h">nPMI with the thinking markers</h2>
              <span className="spacer" />
              {tables && tables.length > 0 && (
                <Select
                  size="sm"
                  aria-label="Calibration table"
                  value={table?.id ?? ''}
                  onChange={(v) => {
                    setTableId(v);
                    setPicked(null);
                  }}
                  options={tables.map((t) => ({ value: t.id, label: t.shipped ? `shipped with ${t.modelId} · ${t.tokens} tokens` : `${formatDateTime(t.createdAt)} · ${datasetName(t.datasetId)} · ${t.tokens} tokens` }))}
                />
              )}
            </header>
            <div className="section-body">
              {!modelInfo ? (
                <div className="mp-empty">No MoE model with router outputs is registered.</div>
              ) : tables === null ? (
                <div className="mp-empty">Loading calibrations…</div>
              ) : !table ? (
                <div className="mp-empty">No calibration for {modelInfo.name} yet: run one on the left.</div>
              ) : (
                <>
                  <div className="ex-table-meta">
                    markers {table.markers.map((m) => JSON.stringify(m)).join(', ')} · {table.tokens} tokens · {table.shipped ? <span data-testid="shipped-calibration">shipped with the app (synthetic validation items; calibrate to make your own)</span> : <>dataset {datasetName(table.datasetId)}</>} · top {table.top.map((t) => `L${t.layer}/E${t.expert} (${t.npmi.toFixed(3)})`).join(', ')}
                  </div>
                  <NpmiHeatmap table={table} picked={pickedExperts} onToggle={toggle} />
                </>
              )}
            </div>
          </section>
          {start && (
            <section className="section" aria-labelledby="ex-res-h">
              <header>
                <h2 id="ex-res-h">Steered vs unsteered</h2>
              </header>
              <div className="section-body">
                <SteeringResults start={start} />
              </div>
            </section>
          )}
        </div>
      </div>
    </section>
  );
}
