// The registered models (models.list), loaded once and refreshed after adding or removing one, and
// which of them the engine holds in memory (models.resident), refreshed after load / unload.
import { create } from 'zustand';
import type { ModelResidency } from '@app/model-residency';
import type { ModelInfo } from '@app/models';
import { errorText, getClient } from '../api/workbench';

interface ModelsState {
  models: ModelInfo[] | null;
  loadError: string | null;
  /** Models in the engine's memory; null until first asked. */
  resident: ModelResidency[] | null;
}

export const useModels = create<ModelsState>(() => ({ models: null, loadError: null, resident: null }));

/** (Re)reads which models the engine holds. */
export async function loadResidency(): Promise<void> {
  try {
    useModels.setState({ resident: await getClient().call('models.resident', {}) });
  } catch {
    // the engine may be restarting: keep what was shown
  }
}

/** Loads a model into the engine (its chosen dtype); throws the host's error. */
export async function loadIntoEngine(id: string): Promise<void> {
  await getClient().call('models.load', { id, provider: 'cpu' });
  await loadResidency();
}

/** Releases a model from the engine's memory. */
export async function unloadFromEngine(id: string): Promise<void> {
  await getClient().call('models.unload', { id });
  await loadResidency();
}

/** Switches a model to another of its dtype variants (the engine loads it to check). */
export async function setModelDtype(id: string, dtype: string): Promise<void> {
  await getClient().call('models.setDtype', { id, dtype });
  await Promise.all([loadModels(), loadResidency()]);
}

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
