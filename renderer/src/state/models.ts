// The registered models (models.list), loaded once and refreshed after adding or removing one.
import { create } from 'zustand';
import type { ModelInfo } from '../../../app/models';
import { errorText, getClient } from '../api/workbench';

interface ModelsState {
  models: ModelInfo[] | null;
  loadError: string | null;
}

export const useModels = create<ModelsState>(() => ({ models: null, loadError: null }));

/** (Re)loads the model list. */
export async function loadModels(): Promise<void> {
  try {
    const models = await getClient().call('models.list', {});
    useModels.setState({ models, loadError: null });
  } catch (err) {
    useModels.setState({ loadError: errorText(err) });
  }
}

/** Registers a model folder; throws the host's error (e.g. model_missing naming the path). */
export async function addModel(path: string): Promise<ModelInfo> {
  const info = await getClient().call('models.add', { path });
  await loadModels();
  return info;
}

/** Removes a user-added model. */
export async function removeModel(id: string): Promise<void> {
  await getClient().call('models.remove', { id });
  await loadModels();
}
