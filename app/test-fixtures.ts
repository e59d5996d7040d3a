// Test code shared by app/ and the layers above it: values every test otherwise spells out in full.
import type { ModelCapabilities } from './models';

/** A plain decoder's capabilities (position_ids and a KV cache, nothing else), with `over` applied. */
export function capabilities(over: Partial<ModelCapabilities> = {}): ModelCapabilities {
  return {
    positionIds: true,
    attentionBias: false,
    routerBias: false,
    routerScale: false,
    routerLogits: false,
    exitLayers: [],
    exitGraphs: [],
    judge: false,
    kvCache: true,
    ...over,
  };
}
