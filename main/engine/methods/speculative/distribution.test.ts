// Lossless under sampling: chain speculative sampling and RSD reproduce the target's distribution.
// Many seeded runs of the first three generated tokens (the first from the prefill, two from the first
// speculative round) are compared with the exact target probabilities of every 3-token outcome,
// computed from the model itself (temperature and top-k applied, so the outcome table is finite), by
// Pearson's chi-square test, rare outcomes pooled. A method passes with p > 0.001. The same test run on
// a deliberately wrong sampler (the draft model alone) must reject it with p < 1e-6: the test can fail.
// Forward passes are memoised, so each run costs only its sampling logic; the seeds are fixed, so the
// outcome of the test is deterministic.
import { beforeAll, describe, expect, it } from 'vitest';
import type { MethodConfig } from '../../../../app/methods';
import { parseMethodConfig } from '../../../../app/methods';
import { renderPrompt } from '../../engine';
import { autoregressive } from '../autoregressive';
import type { MethodImplementation } from '../context';
import { KvCache } from '../../runtime/kv-cache';
import { LoadedModel, logitsRow } from '../../runtime/loaded-model';
import { processedDistribution } from '../../runtime/sampling';
import { EMBEDDED_MODELS } from '../../in-process';
import { chainSpeculative } from './chain';
import { rsd } from './rsd';
import { chiSquareTest, memoizeForward, runDirect } from './test-support';

const PASS_P = 1e-3;
const FAIL_P = 1e-6;
const OUTCOME_TOKENS = 3;

interface Scenario {
  label: string;
  prompt: string;
  sampling: { temperature: number; topK: number; topP: number };
  samples: number;
  /** RSD-C branching factors to test. */
  rsdBranchings: number[][];
}

const scenarios: Scenario[] = [
  // Out of distribution: the target is unsure (entropy ~3.4 nats over the outcomes) and the draft
  // disagrees with it (per-position overlap 0.1-0.2), so rejections and residual draws dominate.
  { label: 'uncertain target, dissimilar draft', prompt: 'Hello', sampling: { temperature: 1, topK: 4, topP: 1 }, samples: 1200, rsdBranchings: [[2, 2]] },
  // In distribution at a high temperature: the draft mostly agrees (overlap ~0.93), so accepted
  // chains and bonus tokens dominate.
  { label: 'similar draft (suite question, temperature 3)', prompt: 'Gary has 40 cards. Then he buys 16 more cards. Then he gives away 9 cards. How many cards does Gary have now?', sampling: { temperature: 3, topK: 4, topP: 1 }, samples: 500, rsdBranchings: [[2, 2]] },
];

/** Exact probability of every outcome of the next `depth` tokens (end-of-turn ends an outcome). */
async function exactOutcomes(model: LoadedModel, prompt: readonly number[], sampling: Scenario['sampling'], depth: number): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const walk = async (tail: number[], prob: number): Promise<void> => {
    if (tail.length === depth) {
      out.set(tail.join(','), (out.get(tail.join(',')) ?? 0) + prob);
      return;
    }
    const seq = [...prompt, ...tail];
    const r = await model.forward(new KvCache(model.kvLayout), seq);
    const p = processedDistribution(logitsRow(r, seq.length - 1), sampling);
    for (let x = 0; x < p.length; x++) {
      if (!(p[x]! > 0)) continue;
      if (model.tokenizer.eosIds.has(x)) {
        const key = [...tail, 'eos'].join(',');
        out.set(key, (out.get(key) ?? 0) + prob * p[x]!);
      } else await walk([...tail, x], prob * p[x]!);
    }
  };
  await walk([], 1);
  return out;
}

describe.each(scenarios)('target distribution under sampling: $label', (scenario) => {
  let base: LoadedModel;
  let draft: LoadedModel;
  let promptIds: number[];
  let exact: Map<string, number>;

  beforeAll(async () => {
    base = memoizeForward(await LoadedModel.load(EMBEDDED_MODELS.base!, 'cpu', 'base'));
    draft = memoizeForward(await LoadedModel.load(EMBEDDED_MODELS.draft!, 'cpu', 'draft'));
    promptIds = base.tokenizer.encode(renderPrompt(base, { kind: 'text', text: scenario.prompt }));
    exact = await exactOutcomes(base, promptIds, scenario.sampling, OUTCOME_TOKENS);
    expect([...exact.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });

  async function sampleOutcomes<C extends MethodConfig>(impl: MethodImplementation<C>, config: (seed: number) => C, models: () => Record<string, LoadedModel>) {
    const counts = new Map<string, number>();
    let accepted = 0;
    for (let seed = 0; seed < scenario.samples; seed++) {
      const r = await runDirect(impl, config(seed), models(), promptIds);
      const key = [...r.ids, ...(r.stopReason === 'eos' ? ['eos'] : [])].join(',');
      counts.set(key, (counts.get(key) ?? 0) + 1);
      accepted += r.metrics.acceptedTokens ?? 0;
    }
    return { fit: chiSquareTest(counts, exact), accepted };
  }

  const sampling = (seed: number) => ({ ...scenario.sampling, seed, maxNewTokens: OUTCOME_TOKENS });
  const target = { model: 'base' };
  const draftRef = { model: 'draft' };

  it(`chain speculative sampling (gamma 2) matches it (p > ${PASS_P})`, async () => {
    const { fit, accepted } = await sampleOutcomes(
      chainSpeculative,
      (seed) => parseMethodConfig({ method: 'chain_sd', models: { target, draft: draftRef }, params: { gamma: 2 }, sampling: sampling(seed) }),
      () => ({ target: base, draft }),
    );
    expect(fit.df).toBeGreaterThanOrEqual(4);
    expect(fit.pValue).toBeGreaterThan(PASS_P);
    expect(accepted).toBeGreaterThan(0); // drafts were accepted, not only corrected
  });

  it.each(scenario.rsdBranchings.map((b) => [b]))(`RSD with branching %j matches it (p > ${PASS_P})`, async (branching) => {
    const { fit, accepted } = await sampleOutcomes(
      rsd,
      (seed) => parseMethodConfig({ method: 'rsd', models: { target, draft: draftRef }, params: { branching }, sampling: sampling(seed) }),
      () => ({ target: base, draft }),
    );
    expect(fit.df).toBeGreaterThanOrEqual(4);
    expect(fit.pValue).toBeGreaterThan(PASS_P);
    expect(accepted).toBeGreaterThan(0);
  });

  it(`rejects a wrong sampler, the draft model alone (p < ${FAIL_P})`, async () => {
    const { fit } = await sampleOutcomes(
      autoregressive,
      (seed) => parseMethodConfig({ method: 'autoregressive', models: { model: draftRef }, sampling: sampling(seed) }),
      () => ({ model: draft }),
    );
    expect(fit.pValue).toBeLessThan(FAIL_P);
  });
});
