// Loads models on demand and keeps them: one LoadedModel per (folder, provider, dtype). A failed load
// is not cached, so fixing the files and retrying works. Each load records the memory it took (the
// engine process's resident set before and after: onnxruntime's native allocations included), and a
// model can be unloaded (its sessions released) to give that memory back.
import type { Provider } from '@app/models';
import { LoadedModel } from './runtime/loaded-model';

/** A model held in memory by the engine. */
export interface ResidentModel {
  path: string;
  provider: Provider;
  /** The variant asked for ('' for the default pick) and the one loaded. */
  dtype: string;
  /** Growth of the engine's resident memory while it loaded (0 when another load overlapped and shrank it). */
  memoryBytes: number;
  loadedAt: string;
}

export class ModelLoader {
  private models = new Map<string, Promise<LoadedModel>>();
  private residency = new Map<string, ResidentModel>();

  /** `dtype` picks a variant; absent, the default pick (the most accurate that fits memory). */
  load(path: string, provider: Provider, id: string, dtype?: string): Promise<LoadedModel> {
    const key = `${path}\u0000${provider}\u0000${dtype ?? ''}`;
    let m = this.models.get(key);
    if (!m) {
      const before = process.memoryUsage().rss;
      m = LoadedModel.load(path, provider, id, dtype);
      this.models.set(key, m);
      m.then(
        (loaded) => {
          if (this.models.get(key) !== m) return;
          const memoryBytes = Math.max(0, process.memoryUsage().rss - before);
          this.residency.set(key, { path, provider, dtype: loaded.info.dtype ?? dtype ?? '', memoryBytes, loadedAt: new Date().toISOString() });
        },
        () => this.models.delete(key),
      );
    }
    return m;
  }

  /** Forgets a model (its files changed, or it was removed). */
  evict(path: string): void {
    for (const key of this.models.keys()) {
      if (key.startsWith(`${path}\u0000`)) {
        this.models.delete(key);
        this.residency.delete(key);
      }
    }
  }

  /** Releases every loaded variant of the model in `path`; returns how many were released. */
  async unload(path: string): Promise<number> {
    const keys = [...this.models.keys()].filter((k) => k.startsWith(`${path}\u0000`));
    for (const key of keys) {
      const m = this.models.get(key)!;
      this.models.delete(key);
      this.residency.delete(key);
      await m.then((loaded) => loaded.release()).catch(() => undefined);
    }
    return keys.length;
  }

  /** The models in memory now. */
  resident(): ResidentModel[] {
    return [...this.residency.values()].map((r) => ({ ...r }));
  }
}
