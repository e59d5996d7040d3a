// MoE routing on the host side: the steering inputs that reinforce chosen experts (RICE's three
// forms), and decoding a pass's raw router_logits into the experts each token was routed to, with
// the same math as the graph (logits + bias, softmax, top-k, optional top-k renormalisation, then
// scale with or without rescaling back to the original gate mass).
import { WorkbenchError } from '@app/errors';
import type { ExpertId } from '@app/methods';
import type { ForwardOptions, LoadedModel } from '../../runtime/loaded-model';

export type SteeringForm = 'logit' | 'gate' | 'gate_renorm';

export interface RouterShape {
  layers: number;
  experts: number;
  topK: number;
  /** The top-k weights are renormalised to sum to one before steering (the model's own gate). */
  normTopK: boolean;
}

/** The router's shape from the graph's I/O and the manifest (top-k 2 and renormalised when unsaid). */
export function routerShapeOf(model: LoadedModel): RouterShape {
  const r = model.io.router;
  if (!r) throw new WorkbenchError('method_unsupported', `${model.info.name} has no MoE router inputs or outputs (router_bias / router_logits)`);
  return { layers: r.layers, experts: r.experts, topK: model.manifest.moe?.topK ?? 2, normTopK: model.manifest.moe?.normTopK ?? true };
}

/** The steering inputs of a forward pass, [layers * experts] each. */
export type Steering = Required<Pick<ForwardOptions, 'routerBias' | 'routerScale' | 'routerRenorm'>>;

/**
 * Steering that reinforces `chosen` with strength beta: logit adds log(beta) to their router logits
 * (before top-k, so it can pull them into the selection); gate multiplies their selected gate weight
 * by beta (selection unchanged) and leaves the sum; gate_renorm does the same and rescales the top-k
 * weights back to their original sum. beta = 1 is the identity in every form.
 */
export function steeringFor(shape: RouterShape, chosen: readonly ExpertId[], beta: number, form: SteeringForm): Steering {
  const n = shape.layers * shape.experts;
  const routerBias = new Float32Array(n);
  const routerScale = new Float32Array(n).fill(1);
  for (const { layer, expert } of chosen) {
    if (layer >= shape.layers || expert >= shape.experts) {
      throw new WorkbenchError('invalid_payload', `expert ${expert} of MoE layer ${layer} does not exist (the model has ${shape.layers} MoE layers of ${shape.experts} experts)`);
    }
    const i = layer * shape.experts + expert;
    if (form === 'logit') routerBias[i] = Math.log(beta);
    else routerScale[i] = beta;
  }
  return { routerBias, routerScale, routerRenorm: form === 'gate_renorm' ? 1 : 0 };
}

export interface TokenRouting {
  /** Per MoE layer, the selected experts (most weight first). */
  experts: number[][];
  /** Per MoE layer, their gate weights after steering. */
  weights: number[][];
}

/**
 * The routing of each of `tokens` fed positions from a pass's raw router_logits [layers, tokens,
 * experts], under `steering` (none: the model's own routing).
 */
export function decodeRouting(routerLogits: Float32Array, tokens: number, shape: RouterShape, steering?: Steering): TokenRouting[] {
  const { layers, experts: E, topK } = shape;
  const out: TokenRouting[] = Array.from({ length: tokens }, () => ({ experts: [], weights: [] }));
  const probs = new Float64Array(E);
  for (let l = 0; l < layers; l++) {
    for (let t = 0; t < tokens; t++) {
      const base = (l * tokens + t) * E;
      let max = -Infinity;
      for (let e = 0; e < E; e++) {
        probs[e] = routerLogits[base + e]! + (steering ? steering.routerBias[l * E + e]! : 0);
        if (probs[e]! > max) max = probs[e]!;
      }
      let z = 0;
      for (let e = 0; e < E; e++) {
        probs[e] = Math.exp(probs[e]! - max);
        z += probs[e]!;
      }
      // Largest first; ties to the lower index.
      const order = Array.from({ length: E }, (_, e) => e).sort((a, b) => probs[b]! - probs[a]! || a - b);
      const sel = order.slice(0, topK);
      let w = sel.map((e) => probs[e]! / z);
      if (shape.normTopK) {
        const s = w.reduce((a, b) => a + b, 0);
        w = w.map((x) => x / s);
      }
      if (steering) {
        const before = w.reduce((a, b) => a + b, 0);
        const scaled = w.map((x, i) => x * steering.routerScale[l * E + sel[i]!]!);
        const after = scaled.reduce((a, b) => a + b, 0);
        const r = steering.routerRenorm;
        w = scaled.map((x) => x * ((r * before) / after + (1 - r)));
      }
      out[t]!.experts.push(sel);
      out[t]!.weights.push(w);
    }
  }
  return out;
}
