// The 'rice.calibrate' engine function: runs an MoE model greedily over a dataset's questions (full
// generations through the chat template), records the experts every fed token is routed to at every
// MoE layer (router_logits -> softmax -> top-k, the graph's own routing), and scores each (layer,
// expert) by nPMI with the thinking markers. Returns the table without the id and creation time,
// which the host adds when it stores it; the top experts also stay in engine state for RICE runs.
import { z } from 'zod';
import { api } from '@app/api';
import type { NpmiTable } from '@app/api';
import { WorkbenchError } from '@app/errors';
import type { Engine } from '../engine';
import { calibrationStateKey } from '../methods/reasoning/rice';
import { decodeRouting, routerShapeOf } from '../methods/reasoning/routing';
import type { ProgressReporter } from './engine-function';
import type { ModelLoader } from '../model-loader';
import type { ModelPaths } from '../protocol';
import { KvCache } from '../runtime/kv-cache';
import type { LoadedModel } from '../runtime/loaded-model';
import { logitsRow } from '../runtime/loaded-model';
import { argmax } from '../runtime/sampling';
import { NpmiCounts, markerPositions, npmiPerMarker, npmiTable } from './npmi';

/** The API's input plus what the host adds (the dataset's questions) and calibration options. */
export const RiceCalibrateArgs = api['rice.calibrate'].input.extend({
  items: z.array(z.object({ question: z.string().min(1) })).min(1),
  /** 'tokens': the marker tokens themselves are x; 'span': every token of the thinking span (markers included). */
  markerMode: z.enum(['tokens', 'span']).default('tokens'),
  /**
   * 'per_token': one nPMI per thinking token, as in the paper (each pair scored by its best marker);
   * 'pooled': x = "any marker" in one table. Span mode is one event, so always pooled.
   */
  association: z.enum(['per_token', 'pooled']).default('per_token'),
  maxNewTokens: z.number().int().min(1).max(4096).default(256),
});
export type RiceCalibrateArgs = z.input<typeof RiceCalibrateArgs>;

export type RiceCalibration = Omit<NpmiTable, 'id' | 'createdAt'>;

/** Greedy generation that returns every fed token and its routing (prompt, then generated tokens). */
async function routedGeneration(model: LoadedModel, prompt: number[], maxNew: number, onToken: (id: number, experts: number[][]) => void): Promise<void> {
  const shape = routerShapeOf(model);
  const cache = new KvCache(model.kvLayout);
  let r = await model.forward(cache, prompt);
  cache.commit(r.present, prompt);
  const record = (ids: readonly number[]) => {
    if (!r.routerLogits) throw new WorkbenchError('method_unsupported', `${model.info.name} has no router_logits output to calibrate from`);
    decodeRouting(r.routerLogits, ids.length, shape).forEach((t, i) => onToken(ids[i]!, t.experts));
  };
  record(prompt);
  const room = Math.min(maxNew, model.contextLength - prompt.length - 1);
  for (let i = 0; i < room; i++) {
    const next = argmax(logitsRow(r, r.logits.length / r.vocab - 1));
    // The end-of-turn token is never fed, so it has no routing.
    if (model.tokenizer.eosIds.has(next)) break;
    r = await model.forward(cache, [next]);
    cache.commit(r.present, [next]);
    record([next]);
  }
}

/** Calibrates `args.model` on `args.items` (at most itemLimit of them), reporting each item done. */
export async function riceCalibrate(engine: Engine, loader: ModelLoader, rawArgs: unknown, models: ModelPaths, progress: ProgressReporter = () => undefined): Promise<RiceCalibration> {
  const parsed = RiceCalibrateArgs.safeParse(rawArgs);
  if (!parsed.success) throw new WorkbenchError('invalid_payload', `rice.calibrate: ${parsed.error.message}`);
  const args = parsed.data;
  const path = models[args.model.model];
  if (!path) throw new WorkbenchError('not_found', `unknown model "${args.model.model}"`);
  const model = await loader.load(path, args.model.provider, args.model.model);
  if (!model.io.hasRouterLogits) throw new WorkbenchError('method_unsupported', `${model.info.name} has no router_logits output to calibrate from`);
  const shape = routerShapeOf(model);
  const markerIds = args.markers.map((m) => {
    const ids = model.tokenizer.encode(m);
    if (ids.length === 0) throw new WorkbenchError('invalid_payload', `the marker "${m}" encodes to no tokens`);
    return ids;
  });
  if (args.markerMode === 'span' && markerIds.length !== 2) {
    throw new WorkbenchError('invalid_payload', `span mode needs exactly two markers (opening, closing), got ${markerIds.length}`);
  }
  const counts = new NpmiCounts(shape.layers, shape.experts);
  const perToken = args.association === 'per_token' && args.markerMode === 'tokens';
  const perMarker = perToken ? markerIds.map(() => new NpmiCounts(shape.layers, shape.experts)) : [];
  const items = args.items.slice(0, args.itemLimit);
  progress(0, items.length);
  for (const [index, item] of items.entries()) {
    const prompt = model.tokenizer.encode(model.tokenizer.applyChatTemplate([{ role: 'user', content: item.question }], { addGenerationPrompt: true }));
    // A question longer than the context is passed over (it still counts as done for progress).
    if (prompt.length < model.contextLength) {
      const ids: number[] = [];
      const routing: number[][][] = [];
      await routedGeneration(model, prompt, args.maxNewTokens, (id, experts) => {
        ids.push(id);
        routing.push(experts);
      });
      const flags = markerPositions(ids, markerIds, args.markerMode);
      ids.forEach((_, i) => counts.add({ experts: routing[i]!, marker: flags[i]! }));
      markerIds.forEach((m, k) => {
        if (!perToken) return;
        const own = markerPositions(ids, [m], 'tokens');
        ids.forEach((_, i) => perMarker[k]!.add({ experts: routing[i]!, marker: own[i]! }));
      });
    }
    progress(index + 1, items.length);
  }
  const result = perToken ? npmiPerMarker(perMarker, args.topExperts) : npmiTable(counts, args.topExperts);
  engine.state.set(
    calibrationStateKey(args.model.model),
    result.top.map(({ layer, expert }) => ({ layer, expert })),
  );
  return {
    modelId: args.model.model,
    datasetId: args.datasetId,
    markers: args.markers,
    tokens: counts.tokens,
    npmi: result.npmi,
    frequency: result.frequency,
    top: result.top,
  };
}
