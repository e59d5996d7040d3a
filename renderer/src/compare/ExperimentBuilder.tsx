// ExperimentBuilder: a new experiment: name, dataset (and how many of its items), the arms (method
// configs edited through the generated method form, one baseline), samples per item, base seed, and the decoding budget shared by all arms.
import { useEffect, useState } from 'react';
import type { DatasetItem } from '@app/datasets';
import type { ExperimentSpec } from '@app/experiments';
import type { MethodName } from '@app/methods';
import { errorText, getClient } from '../api/workbench';
import { loadDatasets, useDatasets } from '../state/datasets-store';
import { navigate } from '../state/router';
import { loadModels, useModels } from '../state/models';
import { Button, Field, NumberField, Select } from '../ui';
import { ArmEditor } from './ArmEditor';
import type { ArmDraft } from './arm-draft';
import { armFieldProblems, newArmDraft, withSampling } from './arm-draft';
import { presetConfig, presetLabel } from './arm-presets';
import { putExperiment } from './experiments-store';
import type { SelectionMode } from './item-selection';
import { selectItems } from './item-selection';
import { RunEstimate } from './RunEstimate';
import { SubsetPicker } from './SubsetPicker';

export interface ExperimentBuilderProps {
  /** Dataset to preselect (from #/compare/new?dataset=...). */
  initialDatasetId?: string;
  /** An experiment to start from (#/compare/new?from=<id>): its spec fills the form (clone, add arms or items). */
  fromExperimentId?: string;
}

const DEFAULT_MAX_TOKENS = 128;

function starterArms(modelIds: readonly string[]): ArmDraft[] {
  const sampling = { maxNewTokens: DEFAULT_MAX_TOKENS, temperature: 0 };
  const arms: ArmDraft[] = [];
  for (const method of ['autoregressive', 'chain_sd'] as MethodName[]) {
    const config = presetConfig(method, modelIds, sampling);
    arms.push(newArmDraft(config, presetLabel(config, arms.map((a) => a.label)), arms.length === 0));
  }
  return arms;
}

/** The builder form; creating the experiment starts it and opens its page. */
export function ExperimentBuilder({ initialDatasetId, fromExperimentId }: ExperimentBuilderProps) {
  const { datasets } = useDatasets();
  const { models } = useModels();
  const modelIds = (models ?? []).map((m) => m.id);
  const [name, setName] = useState('');
  const [datasetId, setDatasetId] = useState(initialDatasetId ?? '');
  const [itemLimit, setItemLimit] = useState<number | null>(null);
  const [itemIds, setItemIds] = useState<string[] | undefined>(undefined);
  const [samples, setSamples] = useState<number | null>(1);
  const [baseSeed, setBaseSeed] = useState<number | null>(0);
  const [maxTokens, setMaxTokens] = useState<number | null>(DEFAULT_MAX_TOKENS);
  const [temperature, setTemperature] = useState<number | null>(0);
  const [arms, setArms] = useState<ArmDraft[] | null>(null);
  const [pickMode, setPickMode] = useState<SelectionMode>('first');
  const [pickSeed, setPickSeed] = useState<number | null>(0);
  const [allItems, setAllItems] = useState<{ datasetId: string; items: DatasetItem[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void loadDatasets();
    if (!useModels.getState().models) void loadModels();
  }, []);

  // Random and stratified picks need the dataset's items (metadata) on hand.
  useEffect(() => {
    if (!datasetId || pickMode === 'first') return;
    let live = true;
    const client = getClient();
    void (async () => {
      const items: DatasetItem[] = [];
      for (let offset = 0; ; offset += 10_000) {
        const page = await client.call('datasets.items', { id: datasetId, limit: 10_000, offset });
        items.push(...page.items);
        if (items.length >= page.total || page.items.length === 0) break;
      }
      if (live) setAllItems({ datasetId, items });
    })().catch((err: unknown) => live && setError(errorText(err)));
    return () => {
      live = false;
    };
  }, [datasetId, pickMode]);

  // A clone: the source experiment's spec fills the form once it is read.
  useEffect(() => {
    if (!fromExperimentId) return;
    let live = true;
    getClient()
      .call('experiments.get', { id: fromExperimentId })
      .then(
        ({ spec }) => {
          if (!live) return;
          setName(`${spec.name} (copy)`.slice(0, 200));
          setDatasetId(spec.datasetId);
          setItemIds(spec.itemIds);
          setItemLimit(spec.itemLimit ?? null);
          setSamples(spec.samplesPerItem);
          setBaseSeed(spec.baseSeed);
          const sampling = spec.arms[0]?.config.sampling;
          if (sampling) {
            setMaxTokens(sampling.maxNewTokens);
            setTemperature(sampling.temperature);
          }
          setArms(spec.arms.map((a) => ({ ...newArmDraft(a.config, a.label, a.baseline), autoLabel: false })));
        },
        (err: unknown) => live && setError(errorText(err)),
      );
    return () => {
      live = false;
    };
  }, [fromExperimentId]);
  // The starter arms wait for the model list, so their models exist.
  if (arms === null && models !== null && !fromExperimentId) setArms(starterArms(modelIds));
  if (!datasetId && datasets && datasets.length > 0) setDatasetId(datasets[0]!.id);

  const dataset = datasets?.find((d) => d.id === datasetId) ?? null;
  const list = arms ?? [];
  const selectable = itemIds?.length ?? dataset?.itemCount ?? 0;
  const items = Math.min(selectable, itemLimit ?? selectable);
  const loadedItems = allItems?.datasetId === datasetId ? allItems.items : null;
  // Random / stratified: the exact ids, picked from the subset (or every item) by the seed.
  const pickedIds =
    pickMode === 'first' || !loadedItems || itemLimit === null
      ? null
      : selectItems(itemIds ? loadedItems.filter((i) => itemIds.includes(i.id)) : loadedItems, pickMode, itemLimit, pickSeed ?? 0);
  const runs = items * list.length * (samples ?? 1);
  const labels = list.map((a) => a.label.trim());
  const problem =
    !dataset ? 'Choose a dataset.'
    : items === 0 ? 'The subset selects no item.'
    : list.length === 0 ? 'Add an arm.'
    : list.some((a) => a.jsonError) ? 'Fix the invalid arm config.'
    : list.some((a) => armFieldProblems(a).length > 0) ? 'Fix the invalid arm parameters.'
    : labels.some((l) => l === '') ? 'Every arm needs a label.'
    : new Set(labels).size !== labels.length ? 'Arm labels must differ.'
    : samples === null || baseSeed === null || maxTokens === null || temperature === null || pickSeed === null ? 'Fill in every number.'
    : pickMode !== 'first' && itemLimit !== null && !pickedIds ? 'Reading the items to pick from…'
    : null;

  const shareSampling = (patch: { maxNewTokens?: number; temperature?: number }) => setArms((a) => a && a.map((arm) => withSampling(arm, patch)));
  const addArm = () => {
    const config = presetConfig('autoregressive', modelIds, { maxNewTokens: maxTokens ?? DEFAULT_MAX_TOKENS, temperature: temperature ?? 0 });
    setArms([...list, newArmDraft(config, presetLabel(config, labels), list.length === 0)]);
  };

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const spec: ExperimentSpec = {
        name: name.trim() || `${list.map((a) => a.label).join(' vs ')} on ${dataset!.name}`.slice(0, 200),
        datasetId,
        ...(pickedIds ? { itemIds: pickedIds } : { ...(itemIds ? { itemIds } : {}), ...(itemLimit !== null ? { itemLimit } : {}) }),
        arms: list.map((a) => ({ id: `arm-${a.key}`, label: a.label.trim(), config: a.config, baseline: a.baseline })),
        samplesPerItem: samples!,
        baseSeed: baseSeed!,
      };
      const experiment = await getClient().call('experiments.create', spec);
      putExperiment(experiment);
      navigate('compare', [experiment.id]);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="cmp-builder"
      aria-label="New experiment"
      onSubmit={(e) => {
        e.preventDefault();
        if (!problem && !busy) void submit();
      }}
    >
      <div className="section">
        <header>
          <h2>Setup</h2>
        </header>
        <div className="section-body cmp-builder-grid">
          <Field label="Name" htmlFor="exp-name" help="Optional; made from the arms and dataset.">
            <input id="exp-name" className="input input-md" value={name} onChange={(e) => setName(e.currentTarget.value)} />
          </Field>
          <Field label="Dataset" htmlFor="exp-dataset" help={datasets?.length === 0 ? 'No datasets yet: generate or import one on the Datasets page.' : dataset ? `${dataset.itemCount} items, ${dataset.source}` : undefined}>
            <Select
              id="exp-dataset"
              value={datasetId}
              options={[{ value: '', label: 'Choose…', disabled: true }, ...(datasets ?? []).map((d) => ({ value: d.id, label: `${d.name} (${d.itemCount})` }))]}
              onChange={(id) => {
                setDatasetId(id);
                setItemIds(undefined);
              }}
            />
          </Field>
          {dataset?.source === 'synthetic' && <SubsetPicker key={dataset.id} dataset={dataset} onChange={setItemIds} />}
          <Field label="Items" htmlFor="exp-limit" help={`n of ${selectable}; empty for all.`}>
            <NumberField id="exp-limit" value={itemLimit} onChange={setItemLimit} integer min={1} nullable placeholder="all" />
          </Field>
          <Field
            label="Pick"
            htmlFor="exp-pick"
            help={pickMode === 'first' ? 'The first n, in dataset order.' : pickMode === 'random' ? 'n at random; the same seed picks the same items.' : 'n spread evenly over families and difficulties (seeded).'}
          >
            <Select<SelectionMode>
              id="exp-pick"
              value={pickMode}
              options={[
                { value: 'first', label: 'First n' },
                { value: 'random', label: 'Random (seeded)' },
                { value: 'stratified', label: 'Stratified by family and difficulty' },
              ]}
              onChange={setPickMode}
            />
          </Field>
          {pickMode !== 'first' && (
            <Field label="Pick seed" htmlFor="exp-pick-seed">
              <NumberField id="exp-pick-seed" value={pickSeed} onChange={setPickSeed} integer min={0} />
            </Field>
          )}
          <Field label="Samples per item" htmlFor="exp-samples" help={(samples ?? 1) > 1 && temperature === 0 ? 'Greedy decoding repeats itself: raise the temperature for pass@k.' : 'k > 1 adds pass@k and majority vote.'}>
            <NumberField id="exp-samples" value={samples} onChange={setSamples} integer min={1} max={256} />
          </Field>
          <Field label="Base seed" htmlFor="exp-seed" help="Sample i uses seed + i in every arm.">
            <NumberField id="exp-seed" value={baseSeed} onChange={setBaseSeed} integer min={0} />
          </Field>
          <Field label="Max new tokens (all arms)" htmlFor="exp-max-tokens">
            <NumberField
              id="exp-max-tokens"
              value={maxTokens}
              integer
              min={1}
              max={32768}
              onChange={(v) => {
                setMaxTokens(v);
                if (v !== null) shareSampling({ maxNewTokens: v });
              }}
            />
          </Field>
          <Field label="Temperature (all arms)" htmlFor="exp-temperature" help="0 is greedy.">
            <NumberField
              id="exp-temperature"
              value={temperature}
              min={0}
              max={5}
              onChange={(v) => {
                setTemperature(v);
                if (v !== null) shareSampling({ temperature: v });
              }}
            />
          </Field>
        </div>
      </div>
      <div className="section">
        <header>
          <h2>Arms</h2>
          <span className="muted">each a method config; the baseline is what speedups and deltas compare with</span>
          <span className="spacer" />
          <Button size="sm" onClick={addArm} disabled={arms === null}>
            + Add arm
          </Button>
        </header>
        <div className="section-body cmp-arms">
          {arms === null && <p className="muted">Loading models…</p>}
          {list.map((arm, i) => (
            <ArmEditor
              key={arm.key}
              arm={arm}
              index={i}
              models={models ?? []}
              otherLabels={labels.filter((_, j) => j !== i)}
              onUpdate={(change) => setArms((all) => all && all.map((a) => (a.key === arm.key ? change(a) : a)))}
              onRemove={list.length > 1 ? () => setArms(list.filter((a) => a.key !== arm.key).map((a, j, rest) => (arm.baseline && j === 0 && !rest.some((r) => r.baseline) ? { ...a, baseline: true } : a))) : null}
              onBaseline={() => setArms(list.map((a) => ({ ...a, baseline: a.key === arm.key })))}
              onSweep={(swept) => setArms((all) => all && all.flatMap((a) => (a.key === arm.key ? swept : [a])))}
            />
          ))}
        </div>
      </div>
      {error && (
        <div className="error-box" role="alert">
          {error}
        </div>
      )}
      <div className="cmp-builder-actions">
        <span className="muted">{problem ?? `${runs} runs: ${items} items × ${list.length} arms × ${samples} sample${samples === 1 ? '' : 's'}`}</span>
        {!problem && <RunEstimate arms={list} items={items} samples={samples ?? 1} maxTokens={maxTokens ?? DEFAULT_MAX_TOKENS} />}
        <span className="spacer" />
        <Button onClick={() => navigate('compare')}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={problem !== null || busy}>
          {busy ? 'Starting…' : 'Create and run'}
        </Button>
      </div>
    </form>
  );
}
