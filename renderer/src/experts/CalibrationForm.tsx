// Calibration of an MoE model's cognitive experts (RICE): dataset, how many items, the thinking
// markers and how many top experts to keep, sent to rice.calibrate. Progress comes from the engine's
// rice.progress events (items done); the ETA extrapolates the time per item so far.
import type { FormEvent } from 'react';
import { useEffect, useId, useState } from 'react';
import type { NpmiTable } from '@app/api';
import type { Dataset } from '@app/datasets';
import type { ModelRef } from '@app/models';
import { errorText, getClient } from '../api/workbench';
import { Button, Field, NumberField, Select } from '../ui';

export interface CalibrationFormProps {
  model: ModelRef | null;
  datasets: readonly Dataset[] | null;
  onCalibrated: (table: NpmiTable) => void;
}

/** Calibration form with its progress. */
export function CalibrationForm({ model, datasets, onCalibrated }: CalibrationFormProps) {
  const uid = useId();
  const [datasetId, setDatasetId] = useState('');
  const [itemLimit, setItemLimit] = useState<number | null>(20);
  const [markers, setMarkers] = useState('<think>, </think>');
  const [topExperts, setTopExperts] = useState<number | null>(2);
  const [started, setStarted] = useState<number | null>(null);
  const [now, setNow] = useState(0);
  const [done, setDone] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const chosenDataset = datasetId || datasets?.[0]?.id || '';
  const markerList = markers
    .split(',')
    .map((m) => m.trim())
    .filter((m) => m.length > 0);
  const items = Math.min(itemLimit ?? 0, datasets?.find((d) => d.id === chosenDataset)?.itemCount ?? Infinity);

  useEffect(() => {
    if (started === null) return;
    const t = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(t);
  }, [started]);

  useEffect(() => {
    if (started === null || !model) return;
    return getClient().on('rice.progress', (p) => {
      if (p.modelId === model.model && p.datasetId === chosenDataset) setDone({ done: p.done, total: p.total });
    });
  }, [started, model, chosenDataset]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!model || !chosenDataset || itemLimit === null || topExperts === null || markerList.length === 0) return;
    setError(null);
    const t0 = Date.now();
    setStarted(t0);
    setNow(t0);
    setDone(null);
    try {
      const table = await getClient().call('rice.calibrate', { model, datasetId: chosenDataset, itemLimit, markers: markerList, topExperts });
      onCalibrated(table);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setStarted(null);
    }
  };

  const busy = started !== null;
  const elapsed = busy ? now - started : 0;
  const total = done?.total ?? items;
  const finished = done?.done ?? 0;
  const etaS = finished > 0 ? Math.round(((elapsed / finished) * (total - finished)) / 1000) : null;

  return (
    <form className="ex-form" onSubmit={submit} data-testid="calibration-form">
      <Field label="Dataset" htmlFor={`${uid}-ds`}>
        <Select
          id={`${uid}-ds`}
          value={chosenDataset}
          onChange={setDatasetId}
          options={datasets && datasets.length > 0 ? datasets.map((d) => ({ value: d.id, label: `${d.name} (${d.itemCount})` })) : [{ value: '', label: datasets ? 'no datasets: create one first' : 'loading…' }]}
        />
      </Field>
      <div className="ex-form-row">
        <Field label="Items" htmlFor={`${uid}-n`} help="routing is recorded over these">
          <NumberField id={`${uid}-n`} value={itemLimit} onChange={setItemLimit} integer min={1} max={10000} />
        </Field>
        <Field label="Top experts" htmlFor={`${uid}-k`} help="kept as the table's choice">
          <NumberField id={`${uid}-k`} value={topExperts} onChange={setTopExperts} integer min={1} max={16} />
        </Field>
      </div>
      <Field label="Markers" htmlFor={`${uid}-m`} help="comma-separated thinking-marker tokens" error={markerList.length === 0 ? 'at least one marker' : null}>
        <input id={`${uid}-m`} className="input input-md mono" value={markers} onChange={(e) => setMarkers(e.currentTarget.value)} />
      </Field>
      <div>
        <Button type="submit" variant="primary" disabled={busy || !model || !chosenDataset || markerList.length === 0 || itemLimit === null || topExperts === null}>
          {busy ? 'Calibrating…' : 'Calibrate'}
        </Button>
      </div>
      {busy && (
        <div className="ex-progress" role="status" data-testid="calibration-progress">
          <progress max={Math.max(1, total)} value={finished} aria-label="calibration progress" />
          <span className="num">
            {finished} / {total} items · {(elapsed / 1000).toFixed(1)} s{etaS !== null ? ` · about ${etaS} s left` : ''}
          </span>
        </div>
      )}
      {error && <div className="error-box">{error}</div>}
    </form>
  );
}
