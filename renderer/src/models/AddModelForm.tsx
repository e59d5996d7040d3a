// "Add model folder": a path to a model folder (transformers.js / onnx-community layout or our own),
// registered with models.add; the host's specific error (e.g. the missing path) is shown inline. A
// copy of a registered model (the host's model_duplicate) is named in words with a way to its card;
// the same folder again is re-read, and the toast says so.
import type { FormEvent } from 'react';
import { useState } from 'react';
import { errorPayloadOf } from '../api/workbench';
import { addModel, useModels } from '../state/models';
import { pushToast } from '../state/toasts';
import { Button } from '../ui/Button';
import { Field } from '../ui/Field';

/** Scrolls a model's card into view and marks it for a moment. */
function showCard(id: string): void {
  const card = document.querySelector<HTMLElement>(`[data-testid="model-card"][data-model-id="${CSS.escape(id)}"]`);
  if (!card) return;
  card.scrollIntoView({ block: 'center', behavior: 'smooth' });
  card.classList.add('is-flagged');
  window.setTimeout(() => card.classList.remove('is-flagged'), 2000);
}

/** Path input and Add button. */
export function AddModelForm() {
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [duplicateOf, setDuplicateOf] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!path.trim()) return;
    setBusy(true);
    setError(null);
    setDuplicateOf(null);
    const known = new Set((useModels.getState().models ?? []).map((m) => m.id));
    try {
      const info = await addModel(path.trim());
      if (known.has(info.id)) pushToast({ kind: 'info', title: `Already registered as ${info.id}`, message: `${info.path}: its files were read again` });
      else pushToast({ kind: 'success', title: `Added ${info.name}`, message: info.path });
      setPath('');
    } catch (err) {
      const p = errorPayloadOf(err);
      const twin = p.details?.existingId;
      if (p.code === 'model_duplicate' && typeof twin === 'string') {
        const from = typeof p.details?.existingPath === 'string' ? ` (from ${p.details.existingPath})` : '';
        setError(`Already registered as “${twin}”${from}: this folder holds the same model files, so it was not added again (model_duplicate).`);
        setDuplicateOf(twin);
      } else {
        setError(`${p.code}: ${p.message}`);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="add-model" onSubmit={(e) => void submit(e)} aria-label="Add model folder">
      <Field
        label="Add model folder"
        htmlFor="add-model-path"
        help="A folder with model.onnx, tokenizer.json, config.json (and optionally workbench.json). The engine loads it to check what it can do."
        error={error}
      >
        <div className="add-model-row">
          <input
            id="add-model-path"
            type="text"
            className="input input-md mono"
            placeholder="/path/to/model-folder"
            value={path}
            onChange={(e) => setPath(e.currentTarget.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'add-model-path-error' : 'add-model-path-help'}
            data-testid="add-model-path"
            spellCheck={false}
          />
          <Button type="submit" variant="primary" disabled={busy || !path.trim()} data-testid="add-model-button">
            {busy ? 'Adding…' : 'Add'}
          </Button>
          {duplicateOf && (
            <Button onClick={() => showCard(duplicateOf)} data-testid="show-duplicate">
              Show “{duplicateOf}”
            </Button>
          )}
        </div>
      </Field>
    </form>
  );
}
