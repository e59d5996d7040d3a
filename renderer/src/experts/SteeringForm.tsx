// RICE steering: strength beta, the form of reinforcement (each explained), the experts to reinforce
// (picked on the heatmap), and what to run: one prompt steered and unsteered side by side, or an
// experiment steered vs unsteered on a dataset's first items.
import type { FormEvent } from 'react';
import { useId, useState } from 'react';
import type { Dataset } from '@app/datasets';
import type { ExpertId } from '@app/methods';
import type { ModelRef } from '@app/models';
import { errorText, getClient } from '../api/workbench';
import { Button, Field, NumberField, Select, Tabs } from '../ui';
import { expertLabel } from '../panels/routing/npmi-scale';
import type { SteeringForm as Form } from './steering';
import { STEERED, UNSTEERED, steeringConfigs, steeringExperimentSpec } from './steering';

export type SteeringStart = { kind: 'runs'; steeredId: string; unsteeredId: string; prompt: string } | { kind: 'experiment'; id: string };

export interface SteeringFormProps {
  model: ModelRef | null;
  picked: readonly ExpertId[];
  onUnpick: (id: ExpertId) => void;
  datasets: readonly Dataset[] | null;
  onStarted: (s: SteeringStart) => void;
}

const forms: { value: Form; label: string; help: string }[] = [
  { value: 'logit', label: 'logit', help: 'log β added to the router logit before top-k: can pull the expert into the selection; weights renormalised.' },
  { value: 'gate', label: 'gate', help: "The expert's gate weight × β when selected; selection unchanged, weights not renormalised." },
  { value: 'gate_renorm', label: 'gate + renorm', help: 'As gate, then the top-k weights rescaled to their original sum.' },
];

/** Steering form. */
export function SteeringForm({ model, picked, onUnpick, datasets, onStarted }: SteeringFormProps) {
  const uid = useId();
  const [beta, setBeta] = useState<number | null>(64);
  const [form, setForm] = useState<Form>('logit');
  const [mode, setMode] = useState<'prompt' | 'dataset'>('prompt');
  const [prompt, setPrompt] = useState('a = 7. b = a + 5. c = b * 2. What is c?');
  const [datasetId, setDatasetId] = useState('');
  const [itemLimit, setItemLimit] = useState<number | null>(20);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const chosenDataset = datasetId || datasets?.[0]?.id || '';
  const ready = model !== null && picked.length > 0 && beta !== null && beta > 0 && (mode === 'prompt' ? prompt.trim().length > 0 : chosenDataset !== '' && itemLimit !== null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!ready) return;
    setBusy(true);
    setError(null);
    const client = getClient();
    const request = { model: model!, experts: picked, beta: beta!, form };
    try {
      if (mode === 'prompt') {
        const { steered, unsteered } = steeringConfigs(request);
        const p = { kind: 'text' as const, text: prompt };
        const a = await client.call('runs.start', { prompt: p, config: steered, configLabel: STEERED, tags: ['rice-steering'] });
        const b = await client.call('runs.start', { prompt: p, config: unsteered, configLabel: UNSTEERED, tags: ['rice-steering'] });
        onStarted({ kind: 'runs', steeredId: a.runId, unsteeredId: b.runId, prompt });
      } else {
        const exp = await client.call('experiments.create', steeringExperimentSpec({ ...request, datasetId: chosenDataset, itemLimit: itemLimit! }));
        await client.call('experiments.start', { id: exp.id });
        onStarted({ kind: 'experiment', id: exp.id });
      }
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="ex-form" onSubmit={submit} data-testid="steering-form">
      <Field label="Experts to reinforce" help={picked.length === 0 ? 'click cells of the heatmap to pick experts' : 'click heatmap cells to add or remove'}>
        <div className="ex-chips">
          {picked.length === 0 && <span className="faint">none picked</span>}
          {picked.map((p) => (
            <span key={expertLabel(p)} className="ex-chip">
              {expertLabel(p)}
              <button type="button" aria-label={`Remove ${expertLabel(p)}`} onClick={() => onUnpick(p)}>
                ×
              </button>
            </span>
          ))}
        </div>
      </Field>
      <Field label="β" htmlFor={`${uid}-b`} unverified help="reinforcement strength; the paper is cited with 64">
        <NumberField id={`${uid}-b`} value={beta} onChange={setBeta} min={0} exclusiveMin />
      </Field>
      <Field label="Form" unverified help="which gating operation the paper uses is not confirmed">
        <div className="ex-forms" role="radiogroup" aria-label="Steering form">
          {forms.map((f) => (
            <label key={f.value} className="ex-form-option">
              <input type="radio" name={`${uid}-form`} value={f.value} checked={form === f.value} onChange={() => setForm(f.value)} />
              <span>
                <b>{f.label}</b> <span className="faint">{f.help}</span>
              </span>
            </label>
          ))}
        </div>
      </Field>
      <Tabs
        label="What to run"
        variant="segmented"
        value={mode}
        onChange={setMode}
        items={[
          { id: 'prompt', label: 'One prompt' },
          { id: 'dataset', label: 'Dataset' },
        ]}
      />
      {mode === 'prompt' ? (
        <Field label="Prompt" htmlFor={`${uid}-p`} help="runs steered and unsteered (β = 1) side by side">
          <textarea id={`${uid}-p`} className="textarea mono" rows={3} value={prompt} onChange={(e) => setPrompt(e.currentTarget.value)} />
        </Field>
      ) : (
        <div className="ex-form-row">
          <Field label="Dataset" htmlFor={`${uid}-ds`}>
            <Select
              id={`${uid}-ds`}
              value={chosenDataset}
              onChange={setDatasetId}
              options={datasets && datasets.length > 0 ? datasets.map((d) => ({ value: d.id, label: `${d.name} (${d.itemCount})` })) : [{ value: '', label: 'no datasets' }]}
            />
          </Field>
          <Field label="Items" htmlFor={`${uid}-n`}>
            <NumberField id={`${uid}-n`} value={itemLimit} onChange={setItemLimit} integer min={1} />
          </Field>
        </div>
      )}
      <div>
        <Button type="submit" variant="primary" disabled={!ready || busy}>
          {busy ? 'Starting…' : mode === 'prompt' ? 'Run steered vs unsteered' : 'Start experiment'}
        </Button>
      </div>
      {error && <div className="error-box">{error}</div>}
    </form>
  );
}
