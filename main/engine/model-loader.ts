// Loads models on demand and keeps them: one LoadedModel per (folder, provider, dtype). A failed load
// is not cached, so fixing the files and retrying works.
import type { Provider } from '../../app/models';
import { LoadedModel } from './runtime/loaded-model';

export class ModelLoader {
  private models = new Map<string, Promise<LoadedModel>>();

  /** `dtype` picks a variant; absent, the default pick (the most accurate that fits memory). */
  load(path: string, provider: Provider, id: string, dtype?: string): Promise<LoadedModel> {
    const key = `${path}\u0000${provider}\u0000${dtype ?? ''}`;
    let m = this.models.get(key);
    if (!m) {
      m = LoadedModel.load(path, provider, id, dtype);
      this.models.set(key, m);
      m.catch(() => this.models.delete(key));
    }
    return m;
  }

  /** Forgets a model (its files changed, or it was removed). */
  evict(path: string): void {
    for (const key of this.models.keys()) if (key.startsWith(`${path}\u0000`)) this.models.delete(key);
  }
}
