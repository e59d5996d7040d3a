// What a model's graph takes and returns, read from the ONNX session's metadata (never assumed):
// the KV cache layout, which optional inputs exist (position_ids, attention_bias, router steering),
// and which extra outputs exist (exit logits, router logits).
import type { InferenceSession } from 'onnxruntime-node';
import { WorkbenchError } from '@app/errors';
import type { TensorInfo } from '@app/models';

export interface KvLayout {
  layers: number;
  heads: number;
  headDim: number;
  /** True when the graph's past/present KV tensors are float16 (fp16 and q4f16 exports). */
  half?: boolean;
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
  /** Element type of the logits output (float16 ones are converted to float32 as they come out). */
  logitsType: 'float32' | 'float16';
  /** Element type of the float inputs the engine feeds (attention_bias, router steering), by name. */
  floatInputTypes: Record<string, 'float32' | 'float16'>;
}

/** Inputs the engine knows how to feed; any other input is refused by name. */
const KNOWN_INPUT = /^(input_ids|attention_mask|position_ids|attention_bias|use_cache_branch|router_bias|router_scale|router_renorm|past_key_values\.\d+\.(key|value))$/;
const FLOAT_TYPES = new Set(['float32', 'float16']);

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
  for (const i of inputs) {
    if (!KNOWN_INPUT.test(i.name)) {
      throw new WorkbenchError('model_io_unsupported', `the graph needs an input named ${i.name} (${i.type}), which the workbench cannot supply (it feeds input_ids, attention_mask, position_ids, past_key_values.*, attention_bias and router steering)`, { input: i.name });
    }
  }
  const pastKeys = inputs.filter((i) => /^past_key_values\.\d+\.key$/.test(i.name));
  const kvType = pastKeys[0]?.type ?? 'float32';
  for (const p of inputs.filter((i) => i.name.startsWith('past_key_values.'))) {
    if (p.type !== kvType || !FLOAT_TYPES.has(p.type)) {
      throw new WorkbenchError('model_io_unsupported', `KV cache input ${p.name} is ${p.type}; the workbench serves float32 or float16 caches of one type (past_key_values.0.key is ${kvType})`, { input: p.name, type: p.type });
    }
  }
  const logitsInfo = outputs.find((o) => o.name === 'logits')!;
  if (!FLOAT_TYPES.has(logitsInfo.type)) {
    throw new WorkbenchError('model_io_unsupported', `the logits output is ${logitsInfo.type}; the workbench reads float32 or float16 logits`, { output: 'logits', type: logitsInfo.type });
  }
  const floatInputTypes: Record<string, 'float32' | 'float16'> = {};
  for (const name of ['attention_bias', 'router_bias', 'router_scale', 'router_renorm']) {
    const t = byName.get(name)?.type;
    if (t === undefined) continue;
    if (!FLOAT_TYPES.has(t)) throw new WorkbenchError('model_io_unsupported', `input ${name} is ${t}; the workbench feeds it as float32 or float16`, { input: name, type: t });
    floatInputTypes[name] = t as 'float32' | 'float16';
  }
  const first = byName.get('past_key_values.0.key');
  const kv: KvLayout = {
    layers: pastKeys.length,
    heads: dim(first, 1) ?? fallback.kvHeads,
    headDim: dim(first, 3) ?? fallback.headDim,
    ...(kvType === 'float16' ? { half: true } : {}),
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
    logitsType: logitsInfo.type as 'float32' | 'float16',
    floatInputTypes,
  };
}
