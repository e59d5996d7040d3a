// RICE (Wang et al. 2025, arXiv 2505.14681): reinforce the MoE experts most associated with the
// thinking markers (by nPMI, from a calibration) during every forward pass, with strength beta in
// one of three forms (router logit + log beta; gate weight * beta; gate weight * beta with the top-k
// mass restored). No official code exists and which form the paper uses is unverified, so all three
// are offered. Records the routing of every token (token events' `experts`, `route` events with the
// gate weights) and the thinking length.
import { WorkbenchError } from '@app/errors';
import type { RouteEvent } from '@app/events';
import type { ExpertId, MethodConfigOf } from '@app/methods';
import { KvCache } from '../../runtime/kv-cache';
import type { LoadedModel } from '../../runtime/loaded-model';
import { logitsRow } from '../../runtime/loaded-model';
import { chooseToken } from '../../runtime/sampling';
import type { MethodContext, MethodImplementation } from '../context';
import type { RouterShape, Steering, TokenRouting } from './routing';
import { decodeRouting, routerShapeOf, steeringFor } from './routing';

type Config = MethodConfigOf<'rice'>;

/** Engine-state key under which rice.calibrate leaves a model's latest top experts (by model id). */
export function calibrationStateKey(modelId: string): string {
  return `rice.calibration:${modelId}`;
}

/** Generated tokens per `route` event. */
const ROUTE_CHUNK = 32;

function checkRice(config: Config, models: Record<string, LoadedModel>): void {
  const m = models.model!;
  const io = m.io;
  if (!io.router) throw new WorkbenchError('method_unsupported', `RICE steers MoE routing, and ${m.info.name} has no router inputs (router_bias / router_scale) or router_logits output`);
  if (config.params.form === 'logit' && !io.hasRouterBias) {
    throw new WorkbenchError('method_unsupported', `the logit form needs a router_bias input, which ${m.info.name} lacks`);
  }
  if (config.params.form !== 'logit' && !(io.hasRouterScale && io.hasRouterRenorm)) {
    throw new WorkbenchError('method_unsupported', `the ${config.params.form} form needs router_scale and router_renorm inputs, which ${m.info.name} lacks`);
  }
}

/** The experts to reinforce: the config's, else the host's calibration, else this engine's latest one. */
export function chosenExperts(ctx: Pick<MethodContext<Config>, 'config' | 'models' | 'state' | 'setup'>): ExpertId[] {
  const c = ctx.config;
  if (c.params.experts.length > 0) return c.params.experts;
  const fromState = ctx.state.get(calibrationStateKey(ctx.models.model!.info.id)) as ExpertId[] | undefined;
  const calibrated = ctx.setup?.calibratedExperts ?? fromState;
  if (!calibrated || calibrated.length === 0) {
    throw new WorkbenchError('invalid_payload', `RICE needs experts to reinforce: pick them on the Experts page, or calibrate ${ctx.models.model!.info.name} first (Calibrate now in the Playground, or the Experts page)`);
  }
  return calibrated.slice(0, c.params.topExperts).map(({ layer, expert }) => ({ layer, expert }));
}

/** Tokens strictly between the first opening think marker and the next closing one (to the end if it never closes). */
export function thinkingTokenCount(ids: readonly number[], startId: number | undefined, endId: number | undefined): number {
  if (startId === undefined) return 0;
  const start = ids.indexOf(startId);
  if (start < 0) return 0;
  const end = endId === undefined ? -1 : ids.indexOf(endId, start + 1);
  return (end < 0 ? ids.length : end) - start - 1;
}

function markerId(m: LoadedModel, marker: string | undefined): number | undefined {
  if (!marker) return undefined;
  const ids = m.tokenizer.encode(marker);
  return ids.length === 1 ? ids[0] : undefined;
}

class RouteRecorder {
  private start: number | null = null;
  private experts: number[][][] = [];
  private weights: number[][][] = [];
  constructor(private readonly emit: (e: RouteEvent) => void) {}

  add(tokenIndex: number, routing: TokenRouting[]): void {
    this.start ??= tokenIndex;
    for (const r of routing) {
      this.experts.push(r.experts);
      this.weights.push(r.weights);
    }
  }

  flush(): void {
    if (this.start === null || this.experts.length === 0) return;
    this.emit({ kind: 'route', tokenIndex: this.start, experts: this.experts, weights: this.weights });
    this.start = null;
    this.experts = [];
    this.weights = [];
  }

  get pending(): number {
    return this.experts.length;
  }
}

/** The RICE method: greedy or sampled decoding with the chosen experts reinforced in every pass. */
export const rice: MethodImplementation<Config> = {
  check: checkRice,

  async run(ctx) {
    const c = ctx.config;
    const model = ctx.models.model!;
    const shape: RouterShape = routerShapeOf(model);
    const chosen = chosenExperts(ctx);
    const steering: Steering = steeringFor(shape, chosen, c.params.beta, c.params.form);
    ctx.emit({ kind: 'note', level: 'info', message: `RICE: ${c.params.form} form, beta ${c.params.beta}, reinforcing ${chosen.map((e) => `L${e.layer}/E${e.expert}`).join(', ')}` });
    const routes = new RouteRecorder(ctx.emit);

    // A fresh prefill: pooled prefixes were computed under other routing and are not reusable here.
    const t0 = performance.now();
    const cache = new KvCache(model.kvLayout);
    const prompt = ctx.promptIds;
    const first = await model.forward(cache, prompt, steering);
    cache.commit(first.present, prompt);
    const prefillMs = performance.now() - t0;
    ctx.emit({ kind: 'prefill', role: 'model', tokens: prompt.length, reusedTokens: 0, ms: prefillMs });
    if (first.routerLogits) {
      routes.add(-prompt.length, decodeRouting(first.routerLogits, prompt.length, shape, steering));
      routes.flush();
    }
    let logits: Float32Array = logitsRow(first, prompt.length - 1);
    let passes = 1;
    const ids: number[] = [];
    while (!ctx.signal.cancelled) {
      const { id } = chooseToken(logits, ctx.sampling, ctx.rng);
      if (model.tokenizer.eosIds.has(id)) {
        ctx.sink.push(id, ctx.stats('model', logits, id), 'target');
        break;
      }
      // Feed the token before recording it, so its event carries the experts it was routed to.
      const r = await model.forward(cache, [id], steering);
      passes++;
      const routing = r.routerLogits ? decodeRouting(r.routerLogits, 1, shape, steering) : null;
      const index = ctx.sink.count;
      const stop = ctx.sink.push(id, ctx.stats('model', logits, id), 'target', routing ? { experts: routing[0]!.experts } : {});
      if (ctx.sink.count > index) {
        ids.push(id);
        if (routing) routes.add(index, routing);
        if (routes.pending >= ROUTE_CHUNK) routes.flush();
      }
      if (stop) break;
      cache.commit(r.present, [id]);
      logits = logitsRow(r, 0);
    }
    routes.flush();
    const spec = model.manifest.specialTokens;
    return {
      prefillMs,
      targetForwardPasses: passes,
      thinkingTokens: thinkingTokenCount(ids, markerId(model, spec.thinkStart ?? '<think>'), markerId(model, spec.thinkEnd ?? '</think>')),
    };
  },
};
