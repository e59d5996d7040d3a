// Positions computed per model role in one run: every forward pass a method makes goes through a
// counting view of its models, so judge passes, draft passes, tree verification and catch-ups are all
// counted, and the parameter-weighted cost is derived from what was computed rather than from tokens.
import type { ForwardOptions, LoadedModel } from './loaded-model';

/** Positions per role, in full-depth equivalents (an early-exit pass through l of L layers counts l/L per position). */
export class PositionCounter {
  readonly byRole: Record<string, number> = {};

  add(role: string, positions: number): void {
    this.byRole[role] = (this.byRole[role] ?? 0) + positions;
  }

  /** A view of `model` whose forward passes count their positions under `role`; everything else is the model's own. */
  view(role: string, model: LoadedModel): LoadedModel {
    const add = (n: number) => this.add(role, n);
    const layers = model.manifest.layers || model.io.kv.layers || 1;
    return new Proxy(model, {
      get(target, prop, receiver) {
        if (prop === 'forward') {
          return (cache: Parameters<LoadedModel['forward']>[0], tokens: readonly number[], opts: ForwardOptions = {}) => {
            add(tokens.length * (opts.exitLayer !== undefined ? Math.min(1, opts.exitLayer / layers) : 1));
            return target.forward(cache, tokens, opts);
          };
        }
        if (prop === 'forwardBatch') {
          return (cache: Parameters<LoadedModel['forwardBatch']>[0], rows: readonly (readonly number[])[], opts?: Parameters<LoadedModel['forwardBatch']>[2]) => {
            // Rows are right-padded to the longest: every padded position is computed too.
            add(rows.length * Math.max(0, ...rows.map((r) => r.length)));
            return target.forwardBatch(cache, rows, opts);
          };
        }
        if (prop === 'forwardRows') {
          return (input: Parameters<LoadedModel['forwardRows']>[0]) => {
            add(input.ids.length); // B rows x S tokens, padding included
            return target.forwardRows(input);
          };
        }
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
  }
}

/** Parameters one position costs: the active ones for a mixture of experts. */
export function parametersPerPosition(model: LoadedModel): number {
  return model.manifest.activeParameters ?? model.manifest.parameters;
}

/**
 * Parameter-weighted cost of a run relative to the primary model generating the same output alone:
 * sum over roles of (parameters x positions computed) / (primary's parameters x (prompt + new tokens - 1)),
 * the positions plain autoregressive decoding of the same prompt and output would compute.
 */
export function paramWeightedCost(positions: Record<string, number>, models: Record<string, LoadedModel>, primaryRole: string, promptTokens: number, newTokens: number): number | null {
  const primary = models[primaryRole];
  const alone = promptTokens + Math.max(0, newTokens - 1);
  if (!primary || alone <= 0) return null;
  let work = 0;
  for (const [role, n] of Object.entries(positions)) {
    const m = models[role];
    if (m) work += parametersPerPosition(m) * n;
  }
  return work / (parametersPerPosition(primary) * alone);
}
