// The Models page: every registered model with its capabilities and shape, adding a folder, and
// downloading one from the Hugging Face hub.
import { useEffect, useState } from 'react';
import type { ModelInfo } from '@app/models';
import { loadModels, loadResidency, removeModel, useModels } from '../state/models';
import { notifyError, pushToast } from '../state/toasts';
import { Button } from '../ui/Button';
import { Modal } from '../ui/Modal';
import { AddModelForm } from './AddModelForm';
import { HubPullPanel } from './HubPullPanel';
import { ModelCard } from './ModelCard';
import './models.css';

/** The Models page. */
export function ModelsPage() {
  const { models, loadError, resident } = useModels();
  const [removing, setRemoving] = useState<ModelInfo | null>(null);
  useEffect(() => void loadResidency(), [models]);

  const confirmRemove = async () => {
    if (!removing) return;
    try {
      await removeModel(removing.id);
      pushToast({ kind: 'success', title: `Removed ${removing.name}`, message: 'Its folder is untouched; runs that used it keep their records.' });
    } catch (err) {
      notifyError('Could not remove the model', err);
    }
    setRemoving(null);
  };

  return (
    <div className="page models-page">
      <div className="page-header">
        <h1>Models</h1>
        <span className="muted">{models ? `${models.length} registered` : ''}</span>
        <div className="spacer" />
        <Button size="md" variant="ghost" onClick={() => void Promise.all([loadModels(), loadResidency()])}>
          Refresh
        </Button>
      </div>
      <AddModelForm />
      <HubPullPanel />
      {loadError && (
        <div className="error-box" role="alert">
          {loadError}
        </div>
      )}
      {models === null && !loadError ? (
        <div className="empty-state">Loading models…</div>
      ) : (
        <div className="model-grid">
          {(models ?? []).map((m) => (
            <ModelCard key={m.id} model={m} resident={resident ? resident.filter((r) => r.modelId === m.id) : undefined} onRemove={setRemoving} />
          ))}
        </div>
      )}
      <Modal
        open={removing !== null}
        onClose={() => setRemoving(null)}
        title={`Remove ${removing?.name ?? ''}?`}
        size="sm"
        footer={
          <>
            <Button onClick={() => setRemoving(null)}>Keep</Button>
            <Button variant="danger" onClick={() => void confirmRemove()}>
              Remove
            </Button>
          </>
        }
      >
        <p>The model is unregistered; its folder on disk is not touched.</p>
      </Modal>
    </div>
  );
}
