// GenerateForm: a synthetic dataset from the built-in task suite: families, difficulties, items per
// (family, difficulty) cell, seed and split (datasets.generate).
import { useState } from 'react';
import type { Dataset, Split, TaskFamily } from '@app/datasets';
import { splits, taskFamilies } from '@app/datasets';
import { errorText, getClient } from '../api/workbench';
import { Button, Field, MultiSelect, NumberField, Select } from '../ui';

export interface GenerateFormProps {
  onGenerated: (dataset: Dataset) => void;
}

const difficultyOptions = Array.from({ length: 8 }, (_, i) => ({ value: String(i + 1), label: `difficulty ${i + 1}` }));

/** The generate form. */
export function GenerateForm({ onGenerated }: GenerateFormProps) {
  const [name, setName] = useState('');
  const [families, setFamilies] = useState<TaskFamily[]>([...taskFamilies]);
  const [difficulties, setDifficulties] = useState<string[]>(['1', '2', '3', '4']);
  const [count, setCount] = useState<number | null>(10);
  const [seed, setSeed] = useState<number | null>(0);
  const [split, setSplit] = useState<Split>('test');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const ready = families.length > 0 && difficulties.length > 0 && count !== null && seed !== null;
  const total = families.length * difficulties.length * (count ?? 0);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const dataset = await getClient().call('datasets.generate', {
        ...(name.trim() ? { name: name.trim() } : {}),
        families,
        difficulties: difficulties.map(Number).sort((a, b) => a - b),
        countPerCell: count!,
        seed: seed!,
        split,
      });
      onGenerated(dataset);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="ds-form"
      aria-label="Generate a synthetic dataset"
      onSubmit={(e) => {
        e.preventDefault();
        if (ready && !busy) void submit();
      }}
    >
      <Field label="Name" htmlFor="ds-gen-name" help="Optional; a descriptive name is made from the parameters.">
        <input id="ds-gen-name" className="input input-md" value={name} onChange={(e) => setName(e.currentTarget.value)} />
      </Field>
      <Field label="Families">
        <MultiSelect label="Families" options={taskFamilies.map((f) => ({ value: f, label: f }))} value={families} onChange={setFamilies} />
      </Field>
      <Field label="Difficulties">
        <MultiSelect label="Difficulties" options={difficultyOptions} value={difficulties} onChange={setDifficulties} />
      </Field>
      <Field label="Items per family and difficulty" htmlFor="ds-gen-count" help={`${total} items in all.`}>
        <NumberField id="ds-gen-count" value={count} onChange={setCount} integer min={1} max={10_000} />
      </Field>
      <Field label="Seed" htmlFor="ds-gen-seed">
        <NumberField id="ds-gen-seed" value={seed} onChange={setSeed} integer min={0} />
      </Field>
      <Field label="Split" htmlFor="ds-gen-split" help="Held-out problems are in test; the embedded models trained on train.">
        <Select id="ds-gen-split" value={split} options={splits.map((s) => ({ value: s, label: s }))} onChange={setSplit} />
      </Field>
      {error && (
        <div className="error-box" role="alert">
          {error}
        </div>
      )}
      <div className="ds-form-actions">
        <Button type="submit" variant="primary" disabled={!ready || busy}>
          {busy ? 'Generating…' : 'Generate'}
        </Button>
      </div>
    </form>
  );
}
