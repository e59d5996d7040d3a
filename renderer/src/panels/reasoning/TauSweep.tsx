// The EAD tau sweep: a form (dataset, item limit, tau values, small and large models, window and min
// dwell) that creates and starts an experiment with one EAD arm per tau plus each model alone, its
// progress, and the accuracy vs large-model-share frontier from the experiment's aggregates. Earlier
// sweeps can be reopened from a list.
import type { FormEvent } from 'react';
import { useEffect, useId, useMemo, useState } from 'react';
import type { Dataset } from '@app/datasets';
import type { Experiment } from '@app/experiments';
import type { MethodConfigOf } from '@app/methods';
import { errorText, getClient } from '../../api/workbench';
import { loadModels, useModels } from '../../state/models';
import { Button, Field, formatDateTime, NumberField, Select } from '../../ui';
import { FrontierChart } from './FrontierChart';
import { LARGE_ALONE, frontierPoints, parseTaus, tauSweepSpec } from './tau-sweep';
import { useExperiment } from './use-experiment';

export interface TauSweepProps {
  /** The EAD config the form starts from (models, window, dwell, tau). */
  initial: MethodConfigOf<'ead'>;
}

function isSweep(e: Experiment): boolean {
  return e.spec.arms.some((a) => a.label === LARGE_ALONE) && e.spec.arms.some((a) => a.config.method === 'ead');
}

function defaultTaus(tau: number): string {
  const vals = [tau / 4, tau / 2, tau, tau * 2, tau * 4].map((v) => Number(v.toPrecision(2)));
  return [...new Set(vals)].join(', ');
}

/** Tau sweep form + frontier. */
export function TauSweep({ initial }: TauSweepProps) {
  const uid = useId();
  const models = useModels((s) => s.models);
  const [datasets, setDatasets] = useState<Dataset[] | null>(null);
  const [sweeps, setSweeps] = useState<Experiment[]>([]);
  const [datasetId, setDatasetId] = useState('');
  const [itemLimit, setItemLimit] = useState<number | null>(20);
  const [tausText, setTausText] = useState(defaultTaus(initial.params.tau));
  const [small, setSmall] = useState(initial.models.small.model);
  const [large, setLarge] = useState(initial.models.large.model);
  const [window, setWindow] = useState<number | null>(initial.params.window);
  const [minDwell, setMinDwell] = useState<number | null>(initial.params.minDwell);
  const [experimentId, setExperimentId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const watch = useExperiment(experimentId);

  useEffect(() => {
    if (!models) void loadModels();
    const client = getClient();
    client
      .call('datasets.list', {})
      .then((ds) => {
        setDatasets(ds);
        setDatasetId((cur) => cur || ds[0]?.id || '');
      })
      .catch((err) => setError(errorText(err)));
    client
      .call('experiments.list', {})
      .then((es) => setSweeps(es.filter(isSweep)))
      .catch(() => undefined);
  }, [models]);

  const taus = parseTaus(tausText);
  const modelOptions = useMemo(() => (models ?? []).map((m) => ({ value: m.id, label: `${m.name} (${(m.manifest.parameters / 1e6).toFixed(1)}M)` })), [models]);
  const valid = taus !== null && datasetId !== '' && window !== null && minDwell !== null && small !== large;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!valid) return;
    setBusy(true);
    setError(null);
    try {
      const spec = tauSweepSpec({
        datasetId,
        itemLimit: itemLimit ?? undefined,
        taus: taus!,
        small: { ...initial.models.small, model: small },
        large: { ...initial.models.large, model: large },
        window: window!,
        minDwell: minDwell!,
        sampling: initial.sampling,
      });
      const exp = await getClient().call('experiments.create', spec);
      await getClient().call('experiments.start', { id: exp.id });
      setSweeps((s) => [exp, ...s.filter((x) => x.id !== exp.id)]);
      setExperimentId(exp.id);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const results = watch.results;
  const points = useMemo(() => (results ? frontierPoints(results.experiment.spec.arms, results.aggregates) : []), [results]);
  const progress = watch.progress;

  return (
    <div className="rs-sweep" data-testid="tau-sweep">
      <form className="rs-form" onSubmit={submit}>
        <Field label="Dataset" htmlFor={`${uid}-ds`}>
          <Select
            id={`${uid}-ds`}
            value={datasetId}
            onChange={setDatasetId}
            options={datasets && datasets.length > 0 ? datasets.map((d) => ({ value: d.id, label: `${d.name} (${d.itemCount})` })) : [{ value: '', label: datasets ? 'no datasets' : 'loading…' }]}
          />
        </Field>
        <Field label="Items" htmlFor={`${uid}-n`} help="first n items; empty: all">
          <NumberField id={`${uid}-n`} value={itemLimit} onChange={setItemLimit} integer min={1} nullable />
        </Field>
        <Field label="τ values" htmlFor={`${uid}-tau`} error={taus === null ? 'comma-separated non-negative numbers' : null} help={`${taus?.length ?? 0} EAD arms + small alone + large alone`}>
          <input id={`${uid}-tau`} className="input input-md mono" value={tausText} onChange={(e) => setTausText(e.currentTarget.value)} />
        </Field>
        <Field label="Small model" htmlFor={`${uid}-s`}>
          <Select id={`${uid}-s`} value={small} onChange={setSmall} options={modelOptions.length > 0 ? modelOptions : [{ value: small, label: small }]} />
        </Field>
        <Field label="Large model" htmlFor={`${uid}-l`} error={small === large ? 'pick two different models' : null}>
          <Select id={`${uid}-l`} value={large} onChange={setLarge} options={modelOptions.length > 0 ? modelOptions : [{ value: large, label: large }]} />
        </Field>
        <Field label="Window" htmlFor={`${uid}-w`} unverified>
          <NumberField id={`${uid}-w`} value={window} onChange={setWindow} integer min={1} max={256} />
        </Field>
        <Field label="Min dwell" htmlFor={`${uid}-d`} unverified>
          <NumberField id={`${uid}-d`} value={minDwell} onChange={setMinDwell} integer min={0} max={256} />
        </Field>
        <div className="rs-form-actions">
          <Button type="submit" variant="primary" disabled={!valid || busy}>
            {busy ? 'Starting…' : 'Start sweep'}
          </Button>
          {sweeps.length > 0 && (
            <Select
              size="sm"
              aria-label="Open an earlier sweep"
              value={experimentId ?? ''}
              onChange={(v) => setExperimentId(v || null)}
              options={[{ value: '', label: 'earlier sweeps…' }, ...sweeps.map((s) => ({ value: s.id, label: `${s.spec.name} · ${formatDateTime(s.createdAt)}` }))]}
            />
          )}
        </div>
      </form>
      {(error || watch.error) && <div className="error-box">{error ?? watch.error}</div>}
      {progress && (
        <div className="rs-progress" role="status">
          <progress max={Math.max(1, progress.total)} value={progress.done} />
          <span className="num">
            {progress.done} / {progress.total} runs · {progress.status}
            {progress.etaMs !== null && progress.status === 'running' ? ` · about ${Math.ceil(progress.etaMs / 1000)} s left` : ''}
          </span>
        </div>
      )}
      {experimentId && (
        <div>
          <div className="mp-chart-title">
            Accuracy vs large-model share
            <span className="mp-chart-sub">one point per τ, joined by share; small alone at 0, large alone at 1; faded: dominated (another arm is as accurate with less of the large model)</span>
          </div>
          {points.length > 0 ? <FrontierChart points={points} /> : <div className="mp-empty">Points appear as arms finish items.</div>}
        </div>
      )}
    </div>
  );
}
