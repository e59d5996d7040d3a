// What a model's graph takes and returns, read from the ONNX session's metadata (never assumed):
// the KV cache layout, which optional inputs exist (position_ids, attention_bias, router steering),
// and which extra outputs exist (exit logits, router logits).
import type { InferenceSession } from 'onnxruntime-node';
import { WorkbenchError } from '../../../app/errors';
import type { TensorInfo } from '../../../app/models';

export interface KvLayout {
  layers: number;
  heads: number;
  headDim: number;
}

export interface ModelIO {
  inputs: TensorInfo[];
  outputs: TensorInfo[];
  kv: KvLayout;
  hasPositionIds: boolean;
  hasAttentionBias: boolean;
  hasRouterBias: boolean;
  hasRouterScale: boolean;
  hasRouterRenorm: boolean;
  hasRouterLogits: boolean;
  /** Legacy merged decoders: a boolean `use_cache_branch` input. */
  hasUseCacheBranch: boolean;
  exitLayers: number[];
  /** [moeLayers, experts] when router inputs/outputs exist. */
  router: { layers: number; experts: number } | null;
}

function describe(meta: readonly InferenceSession.ValueMetadata[]): TensorInfo[] {
  return meta.map((m) => ({
    name: m.name,
    type: m.isTensor ? String(m.type) : 'non-tensor',
    shape: m.isTensor ? (m.shape as (number | string)[]).map((d) => (typeof d === 'number' && d >= 0 ? d : String(d))) : [],
  }));
}

function dim(info: TensorInfo | undefined, axis: number): number | undefined {
  const d = info?.shape[axis];
  return typeof d === 'number' ? d : undefined;
}

/**
 * Reads the I/O contract from a session. `fallback` supplies sizes that the graph leaves symbolic
 * (heads/headDim from the manifest or config.json).
 */
export function readModelIO(session: InferenceSession, fallback: { kvHeads: number; headDim: number; layers: number }): ModelIO {
  const inputs = describe(session.inputMetadata);
  const outputs = describe(session.outputMetadata);
  const byName = new Map(inputs.map((i) => [i.name, i]));
  for (const required of ['input_ids', 'attention_mask']) {
    if (!byName.has(required)) {
      throw new WorkbenchError('model_io_unsupported', `the graph has no ${required} input (inputs: ${inputs.map((i) => i.name).join(', ')})`);
    }
  }
  if (!outputs.some((o) => o.name === 'logits')) {
    throw new WorkbenchError('model_io_unsupported', `the graph has no logits output (outputs: ${outputs.map((o) => o.name).join(', ')})`);
  }
  const pastKeys = inputs.filter((i) => /^past_key_values\.\d+\.key$/.test(i.name));
  for (const p of pastKeys) {
    if (p.type !== 'float32') {
      throw new WorkbenchError('model_io_unsupported', `KV cache dtype ${p.type} is not supported yet (${p.name}); export the model in float32`);
    }
  }
  const first = byName.get('past_key_values.0.key');
  const kv: KvLayout = {
    layers: pastKeys.length,
    heads: dim(first, 1) ?? fallback.kvHeads,
    headDim: dim(first, 3) ?? fallback.headDim,
  };
  const exitLayers = outputs
    .map((o) => /^exit_logits\.(\d+)$/.exec(o.name)?.[1])
    .filter((x): x is string => x !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
  const routerBias = byName.get('router_bias');
  const routerLogits = outputs.find((o) => o.name === 'router_logits');
  const routerLayers = dim(routerBias, 0) ?? dim(routerLogits, 0);
  const routerExperts = dim(routerBias, 1) ?? dim(routerLogits, 2);
  return {
    inputs,
    outputs,
    kv,
    hasPositionIds: byName.has('position_ids'),
    hasAttentionBias: byName.has('attention_bias'),
    hasRouterBias: Boolean(routerBias),
    hasRouterScale: byName.has('router_scale'),
    hasRouterRenorm: byName.has('router_renorm'),
    hasRouterLogits: Boolean(routerLogits),
    hasUseCacheBranch: byName.has('use_cache_branch'),
    exitLayers,
    router: routerLayers !== undefined && routerExperts !== undefined ? { layers: routerLayers, experts: routerExperts } : null,
  };
}
