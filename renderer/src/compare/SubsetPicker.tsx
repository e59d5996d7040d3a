// SubsetPicker: for a synthetic dataset, which families and difficulties of it an experiment runs
// (item ids chosen by metadata); other datasets run all their items (or the first n).
import { useEffect, useState } from 'react';
import type { Dataset, DatasetItem } from '@app/datasets';
import { errorText, getClient } from '../api/workbench';
import { Field, MultiSelect } from '../ui';

export interface SubsetPickerProps {
  dataset: Dataset;
  /** The chosen item ids, or undefined for every item. */
  onChange: (itemIds: string[] | undefined) => void;
}

const PAGE = 10_000;

/** Every item of a dataset (paged through datasets.items). */
async function allItems(dataset: Dataset): Promise<DatasetItem[]> {
  const items: DatasetItem[] = [];
  for (let offset = 0; offset < dataset.itemCount; offset += PAGE) {
    items.push(...(await getClient().call('datasets.items', { id: dataset.id, limit: PAGE, offset })).items);
  }
  return items;
}

/** The distinct values of a metadata key, sorted. */
function valuesOf(items: readonly DatasetItem[], key: string): string[] {
  return [...new Set(items.map((i) => String(i.metadata[key] ?? '')))].filter((v) => v !== '').sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/** Family and difficulty filters; empty filters select everything. */
export function SubsetPicker({ dataset, onChange }: SubsetPickerProps) {
  const [items, setItems] = useState<{ datasetId: string; items: DatasetItem[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [families, setFamilies] = useState<string[]>([]);
  const [difficulties, setDifficulties] = useState<string[]>([]);

  useEffect(() => {
    let live = true;
    allItems(dataset).then(
      (list) => live && setItems({ datasetId: dataset.id, items: list }),
      (err: unknown) => live && setError(errorText(err)),
    );
    return () => {
      live = false;
    };
  }, [dataset]);

  const loaded = items?.datasetId === dataset.id ? items.items : null;
  const apply = (f: string[], d: string[]) => {
    setFamilies(f);
    setDifficulties(d);
    if (!loaded || (f.length === 0 && d.length === 0)) return onChange(undefined);
    onChange(loaded.filter((i) => (f.length === 0 || f.includes(String(i.metadata.family))) && (d.length === 0 || d.includes(String(i.metadata.difficulty)))).map((i) => i.id));
  };
  if (error) return <div className="field-error">{error}</div>;
  if (!loaded) return <p className="muted">Reading the items…</p>;
  const option = (v: string) => ({ value: v, label: v });
  return (
    <>
      <Field label="Families" help="None chosen: all.">
        <MultiSelect label="Families" options={valuesOf(loaded, 'family').map(option)} value={families} onChange={(f) => apply(f, difficulties)} />
      </Field>
      <Field label="Difficulties" help="None chosen: all.">
        <MultiSelect label="Difficulties" options={valuesOf(loaded, 'difficulty').map(option)} value={difficulties} onChange={(d) => apply(families, d)} />
      </Field>
    </>
  );
}
