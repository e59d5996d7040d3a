// RICE without a calibration is a dead end: it needs to know which experts to reinforce. When the
// chosen model has no calibration table and no experts are picked, this offers "Calibrate now" in
// place: it uses a synthetic dataset (generating a small one when there is none), runs the
// calibration with its progress here, and RICE can run as soon as it is done. Where the model only has
// the calibration shipped with it (embedded moe), RICE runs on that, and a quieter note offers the same
// button for a calibration of this machine's own.
import { useEffect, useState } from 'react';
import type { ModelRef } from '@app/models';
import { errorText, getClient } from '../api/workbench';
import { pushToast } from '../state/toasts';
import { Button } from '../ui/Button';

export interface CalibrateNowProps {
  model: ModelRef;
}

const ITEMS = 20;

/** The notice and button, or nothing once the model has a calibration. */
export function CalibrateNow({ model }: CalibrateNowProps) {
  const [tables, setTables] = useState<{ modelId: string; own: number; shipped: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    getClient()
      .call('rice.tables', { modelId: model.model })
      .then(
        (list) => live && setTables({ modelId: model.model, own: list.filter((t) => !t.shipped).length, shipped: list.some((t) => t.shipped) }),
        () => live && setTables({ modelId: model.model, own: 0, shipped: false }),
      );
    return () => {
      live = false;
    };
  }, [model.model]);

  useEffect(() => {
    if (!busy) return;
    return getClient().on('rice.progress', (p) => {
      if (p.modelId === model.model) setProgress({ done: p.done, total: p.total });
    });
  }, [busy, model.model]);

  if (!tables || tables.modelId !== model.model || tables.own > 0) return null;

  const calibrate = async () => {
    setBusy(true);
    setError(null);
    setProgress(null);
    try {
      const client = getClient();
      const datasets = await client.call('datasets.list', {});
      const dataset =
        datasets.find((d) => d.source === 'synthetic' && d.itemCount >= ITEMS) ??
        (await client.call('datasets.generate', { name: 'RICE calibration (synthetic)', difficulties: [2, 3], countPerCell: 4, split: 'test' }));
      await client.call('rice.calibrate', { model, datasetId: dataset.id, itemLimit: ITEMS });
      pushToast({ kind: 'success', title: `Calibrated ${model.model}`, message: `Routing over ${ITEMS} items of ${dataset.name}; RICE now reinforces its top experts.` });
      setTables({ modelId: model.model, own: 1, shipped: tables.shipped });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={tables.shipped ? 'pg-calibrate is-shipped' : 'pg-calibrate'} role="status" data-testid="calibrate-now" data-shipped={tables.shipped || undefined}>
      {tables.shipped ? (
        <p>
          RICE reinforces the top experts of the calibration <strong>shipped</strong> with <strong>{model.model}</strong> (made on synthetic items). Calibrate it on this
          machine for a table of your own ({ITEMS} synthetic items, about a minute on a CPU), or pick experts on the Experts page.
        </p>
      ) : (
        <p>
          RICE reinforces the experts that fire while the model reasons, and <strong>{model.model}</strong> has no calibration yet to find them. Pick experts on the Experts page,
          or calibrate it now on {ITEMS} synthetic items (about a minute on a CPU).
        </p>
      )}
      <Button variant={tables.shipped ? 'secondary' : 'primary'} size="sm" onClick={() => void calibrate()} disabled={busy} data-testid="calibrate-now-button">
        {busy ? 'Calibrating…' : 'Calibrate now'}
      </Button>
      {busy && (
        <span className="pg-calibrate-progress">
          <progress max={Math.max(1, progress?.total ?? ITEMS)} value={progress?.done ?? 0} aria-label="Calibration progress" />
          <span className="num">
            {progress?.done ?? 0} / {progress?.total ?? ITEMS} items
          </span>
        </span>
      )}
      {error && <div className="error-box">{error}</div>}
    </div>
  );
}
