// The Datasets page: the list of datasets, forms to generate a synthetic suite or import a file,
// and the item browser of the selected dataset (#/datasets/<id>).
import { useEffect, useState } from 'react';
import { errorText, getClient } from '../api/workbench';
import { navigate, useRoute } from '../state/router';
import { pushToast } from '../state/toasts';
import { Button, Modal } from '../ui';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { DatasetList } from './DatasetList';
import { datasetGradingText } from './grading-label';
import { loadDatasets, useDatasets } from '../state/datasets-store';
import { GenerateForm } from './GenerateForm';
import { ImportForm } from './ImportForm';
import { ItemBrowser } from './ItemBrowser';
import './datasets.css';

/** The Datasets page. */
export function DatasetsPage() {
  const { datasets, loadError } = useDatasets();
  const route = useRoute();
  const [dialog, setDialog] = useState<'generate' | 'import' | null>(null);
  const selectedId = route.rest[0] ?? null;
  const selected = datasets?.find((d) => d.id === selectedId) ?? null;

  useEffect(() => {
    void loadDatasets();
  }, []);

  const select = (id: string) => navigate('datasets', [id]);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const remove = async () => {
    if (!selected) return;
    try {
      await getClient().call('datasets.delete', { id: selected.id });
      navigate('datasets');
      await loadDatasets();
    } catch (err) {
      pushToast({ kind: 'error', title: 'Delete failed', message: errorText(err) });
    }
  };

  return (
    <section className="page ds-page">
      <header className="page-header">
        <h1>Datasets</h1>
        <span className="spacer" />
        <Button onClick={() => setDialog('generate')}>Generate synthetic…</Button>
        <Button variant="primary" onClick={() => setDialog('import')}>
          Import file…
        </Button>
      </header>
      {loadError && <div className="error-box">{loadError}</div>}
      {datasets === null ? (
        <p className="muted">Loading…</p>
      ) : datasets.length === 0 ? (
        <div className="empty-state">
          <p>No datasets yet. Generate one from the built-in task suite, or import GSM8K-style JSONL or a CSV file.</p>
        </div>
      ) : (
        <div className="section">
          <DatasetList datasets={datasets} selected={selectedId} onSelect={select} />
        </div>
      )}
      {selected && (
        <div className="section ds-detail" aria-label={`Dataset ${selected.name}`}>
          <header>
            <h2>{selected.name}</h2>
            <span className="faint mono">{selected.id}</span>
            <span className="spacer" />
            <span className="muted">grading: {datasetGradingText(selected)}</span>
            <Button size="sm" onClick={() => navigate('compare', ['new'], { dataset: selected.id })}>
              New experiment on it
            </Button>
            <Button size="sm" variant="danger" onClick={() => setConfirmDelete(true)} data-testid="delete-dataset">
              Delete
            </Button>
          </header>
          <div className="section-body">
            <ItemBrowser dataset={selected} />
          </div>
        </div>
      )}
      <Modal open={dialog === 'generate'} title="Generate a synthetic dataset" onClose={() => setDialog(null)}>
        <GenerateForm
          onGenerated={(d) => {
            setDialog(null);
            pushToast({ kind: 'success', title: `Generated ${d.itemCount} items`, message: d.name });
            void loadDatasets().then(() => select(d.id));
          }}
        />
      </Modal>
      <Modal open={dialog === 'import'} title="Import a dataset" size="lg" onClose={() => setDialog(null)}>
        <ImportForm
          onImported={(r) => {
            // The dialog closes on success (its Import button would otherwise invite a second copy).
            setDialog(null);
            pushToast({ kind: 'success', title: `Imported ${r.dataset.itemCount} items`, message: r.dataset.name });
            void loadDatasets().then(() => select(r.dataset.id));
          }}
          onOpenExisting={(id) => {
            setDialog(null);
            select(id);
          }}
        />
      </Modal>
      <ConfirmDialog open={confirmDelete && selected !== null} title={`Delete dataset "${selected?.name ?? ''}"?`} confirmLabel="Delete dataset" onConfirm={remove} onClose={() => setConfirmDelete(false)}>
        <p>
          Its {selected?.itemCount ?? 0} items are removed. Runs made from it are kept, each with the prompt it ran.
        </p>
      </ConfirmDialog>
    </section>
  );
}
