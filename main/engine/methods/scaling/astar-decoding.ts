// A*-decoding (Chatziveroglou 2025, arXiv 2505.13672): best-first search over partial solutions,
// each a list of reasoning steps. The frontier's best node (lowest f = g + h, h = 1 - r with r the
// judge's process reward) is expanded by sampling k candidate next steps from the policy (one
// ctx.sampleMany call), each scored and queued; the first finished node popped is the answer, and a
// token budget over all expansions stops the search early (then the best finished node waiting wins,
// else the best partial one). The loop is app/search/astar-search.ts; this file drives it with
// models and records one expansion event per expansion (the expansion order) and the search_result.
import type { MethodConfigOf } from '@app/methods';
import { runAStar } from '@app/search/astar-search';
import type { MethodImplementation } from '../context';
import type { SolutionState } from './step-search';
import { EMPTY_SOLUTION, StepSearch, checkSearch, traceNode } from './step-search';

type Config = MethodConfigOf<'astar_decoding'>;

export const astarDecoding: MethodImplementation<Config> = {
  check: (_config, models) => checkSearch(models, 'A*-decoding'),

  async run(ctx) {
    const p = ctx.config.params;
    if (ctx.sampling.temperature === 0 && p.candidates > 1) {
      ctx.emit({ kind: 'note', level: 'warn', message: 'greedy decoding (temperature 0) samples the same step k times: duplicates are kept once, so the search is greedy stepping' });
    }
    const search = new StepSearch(ctx, p.stepTokenCap, p.prmAggregation, p.judgeClosingStep);
    let start = performance.now();
    const result = await runAStar<SolutionState>(
      EMPTY_SOLUTION,
      { tokenBudget: p.tokenBudget, maxDepth: p.maxDepth, pathCost: p.pathCost, maxFrontier: p.maxFrontier },
      {
        expand: (node) => search.extend(Array.from({ length: p.candidates }, () => node.state)),
        onExpansion: (e) => {
          const children = e.children.map((c) => traceNode(c, { g: c.g, h: c.h, f: c.f, ...(c.duplicate ? { duplicate: true } : {}) }));
          ctx.emit({ kind: 'expansion', order: e.order, node: e.node, children, frontierSize: e.frontierSize, tokensUsed: e.tokensUsed, prmCalls: search.prmCalls, ms: performance.now() - start });
          start = performance.now();
        },
        cancelled: () => ctx.signal.cancelled,
      },
    );
    if (result.best) {
      ctx.emit({ kind: 'search_result', path: result.path.map((n) => n.id), reason: result.reason, reward: result.best.reward, answer: null });
      if (!ctx.signal.cancelled) await search.writeOutput(result.best.state);
    }
    if (result.reason === 'budget' || result.reason === 'steps') ctx.sink.stop('budget');
    return { steps: result.path.length, expansions: result.expansions, prmCalls: search.prmCalls, sampledTokens: search.sampledTokens, judgeMs: search.judgeMs };
  },
};
