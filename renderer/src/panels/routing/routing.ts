// Per-token MoE routing of a run, for the routing heatmap: which experts each generated token was
// sent to at every MoE layer, with gate weights when the run recorded them (route events), else from
// the token events' `experts` (selected = 1). Also the experts a RICE run steered and how often the
// tokens went to each of them.
import type { RouteEvent, TokenEvent, TraceEvent } from '@app/events';
import type { ExpertId, MethodConfig } from '@app/methods';
import type { RunSetup } from '@app/runs';

export interface TokenRoute {
  index: number;
  text: string;
  /** Per MoE layer, the selected experts. */
  experts: number[][];
  /** Per MoE layer, their gate weights; null when only the selection is known. */
  weights: number[][] | null;
}

export interface RoutingMatrix {
  tokens: TokenRoute[];
  layers: number;
  experts: number;
  /** Whether gate weights were available for every token. */
  weighted: boolean;
}

/**
 * Routing of the generated tokens (index >= 0). Route events win (they carry the weights); token
 * events fill tokens no route event covered. `expertsPerLayer`, when known from the model, fixes the
 * width; otherwise it is the largest expert id seen + 1.
 */
export function routingMatrix(events: readonly TraceEvent[], expertsPerLayer?: number): RoutingMatrix {
  const texts = new Map<number, string>();
  const fromTokens = new Map<number, number[][]>();
  const fromRoutes = new Map<number, { experts: number[][]; weights: number[][] }>();
  for (const e of events) {
    if (e.kind === 'token') {
      texts.set(e.index, e.text);
      if (e.experts) fromTokens.set(e.index, e.experts);
    } else if (e.kind === 'route') {
      addRoute(fromRoutes, e);
    }
  }
  const indices = [...new Set([...fromTokens.keys(), ...fromRoutes.keys()])].filter((i) => i >= 0).sort((a, b) => a - b);
  let layers = 0;
  let maxExpert = -1;
  let weighted = indices.length > 0;
  const tokens: TokenRoute[] = indices.map((index) => {
    const r = fromRoutes.get(index);
    const experts = r?.experts ?? fromTokens.get(index)!;
    if (!r) weighted = false;
    layers = Math.max(layers, experts.length);
    for (const row of experts) for (const x of row) maxExpert = Math.max(maxExpert, x);
    return { index, text: texts.get(index) ?? '', experts, weights: r?.weights ?? null };
  });
  return { tokens, layers, experts: Math.max(expertsPerLayer ?? 0, maxExpert + 1), weighted };
}

function addRoute(into: Map<number, { experts: number[][]; weights: number[][] }>, e: RouteEvent): void {
  e.experts.forEach((experts, i) => into.set(e.tokenIndex + i, { experts, weights: e.weights[i] ?? experts.map((row) => row.map(() => 1)) }));
}

/** Cells of the heatmap: [token position, row = layer * experts + expert, weight] for each selection. */
export function routingCells(m: RoutingMatrix): [number, number, number][] {
  const out: [number, number, number][] = [];
  m.tokens.forEach((t, x) => {
    t.experts.forEach((row, layer) => {
      row.forEach((expert, k) => out.push([x, layer * m.experts + expert, t.weights?.[layer]?.[k] ?? 1]));
    });
  });
  return out;
}

/** The experts a RICE run reinforced: its explicit list, else the calibrated top ones the host resolved (its setup). */
export function steeredExperts(config: MethodConfig, setup?: Pick<RunSetup, 'calibratedExperts'>): ExpertId[] {
  if (config.method !== 'rice') return [];
  if (config.params.experts.length > 0) return config.params.experts;
  return (setup?.calibratedExperts ?? []).slice(0, config.params.topExperts);
}

/** Parses the experts out of the engine's RICE note ("… reinforcing L2/E3, L4/E1"), for runs whose config does not list them. */
export function expertsFromNote(message: string): ExpertId[] {
  const out: ExpertId[] = [];
  for (const m of message.matchAll(/L(\d+)\/E(\d+)/g)) out.push({ layer: Number(m[1]), expert: Number(m[2]) });
  return out;
}

/** Share of routed tokens that selected each expert at its layer. */
export function expertUsage(m: RoutingMatrix, experts: readonly ExpertId[]): { expert: ExpertId; share: number; meanWeight: number | null }[] {
  return experts.map((e) => {
    let hits = 0;
    let weight = 0;
    let weightN = 0;
    for (const t of m.tokens) {
      const row = t.experts[e.layer];
      const k = row ? row.indexOf(e.expert) : -1;
      if (k >= 0) {
        hits++;
        const w = t.weights?.[e.layer]?.[k];
        if (w !== undefined) {
          weight += w;
          weightN++;
        }
      }
    }
    return { expert: e, share: m.tokens.length > 0 ? hits / m.tokens.length : 0, meanWeight: weightN > 0 ? weight / weightN : null };
  });
}

/** Tokens of a stream carrying routing (for a cheap "has routing" check). */
export function hasRouting(events: readonly TraceEvent[]): boolean {
  return events.some((e) => e.kind === 'route' || (e.kind === 'token' && (e as TokenEvent).experts !== undefined));
}
