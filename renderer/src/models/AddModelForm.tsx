// "Add model folder": a path to a model folder (transformers.js / onnx-community layout or our own),
// registered with models.add; the host's specific error (e.g. the missing path) is shown inline.
import type { FormEvent } from 'react';
import { useState } from 'react';
import { errorPayloadOf } from '../api/workbench';
import { addModel } from '../state/models';
import { pushToast } from '../state/toasts';
import { Button } from '../ui/Button';
import { Field } from '../ui/Field';

/** Path input and Add button. */
export function AddModelForm() {
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!path.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const info = await addModel(path.trim());
      pushToast({ kind: 'success', title: `Added ${info.name}`, message: info.path });
      setPath('');
    } catch (err) {
      const p = errorPayloadOf(err);
      setError(`${p.code}: ${p.message}`);
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
        </div>
      </Field>
    </form>
  );
}
