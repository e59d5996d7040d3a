// Warm-up before timing: the first passes of a freshly loaded onnxruntime session are several times
// slower than later ones (kernel selection, arena growth), so a run that uses a model for the first
// time in an engine process would charge that to its own timings (and to whichever arm of an
// experiment happens to run first). A short untimed pass per graph the model will run removes it.
import { KvCache } from './kv-cache';
import type { LoadedModel } from './loaded-model';

const WARM_PROMPT = 8;

/**
 * Runs a short untimed prefill and one decode step through the model's main graph, and one pass
 * through each early-exit graph it has. Returns the milliseconds spent.
 */
export async function warmUp(model: LoadedModel): Promise<number> {
  const t0 = performance.now();
  const vocab = Math.max(2, model.tokenizer.vocabSize);
  const tokens = Array.from({ length: WARM_PROMPT }, (_, i) => (i * 7 + 3) % vocab);
  const cache = new KvCache(model.kvLayout);
  const r = await model.forward(cache, tokens);
  cache.commit(r.present, tokens);
  await model.forward(cache, [tokens[0]!]);
  for (const layer of model.info.capabilities.exitGraphs) await model.forward(cache, [tokens[1]!], { exitLayer: layer });
  if (model.info.capabilities.exitLayers.length > 0) await model.forward(cache, [tokens[2]!], { withExitLogits: true });
  return performance.now() - t0;
}

/** Which models (by folder and provider) an engine process has already warmed up. */
export class WarmSet {
  private readonly warm = new Set<string>();

  private key(model: LoadedModel): string {
    return `${model.info.path}|${model.provider}`;
  }

  has(model: LoadedModel): boolean {
    return this.warm.has(this.key(model));
  }

  /** Marks a model warm (after a warm-up, or after a timed run that used it cold). */
  add(model: LoadedModel): void {
    this.warm.add(this.key(model));
  }
}
