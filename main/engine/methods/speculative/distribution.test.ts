// Lossless under sampling, verified deep: every lossless method that samples (chain speculative
// sampling with fixed and adaptive gamma, RSD with three levels, DEL, prompt lookup, and
// SpecReason+Decode's speculative large-model steps) reproduces the target's distribution over the
// first tokens of its output. Token Recycling is greedy-only (the official method has no sampling
// rule), so it has no distribution to test here; its greedy identity is in exactness.test.ts.
// Outcomes are long enough that drafts reach depth 3 and are accepted there, so acceptance at
// positions 2 and 3, the bonus after a chain of three, RSD's child nodes and rejections deep in a
// draft all happen; each test asserts that they did (the old version never drafted past depth 1).
// Exact outcome probabilities come from the model itself (temperature, top-k or top-p applied, so
// the table is finite) and are compared by Pearson's chi-square test, rare outcomes pooled: a method
// passes with p > 0.001. The test of the test: the shared rejection sampler with the classic bug
// planted (redraw from p instead of the residual norm(max(0, p - q))) must fail EVERY method in
// EVERY scenario with p < 1e-6. Forward passes are memoised, so a run costs only its sampling logic;
// the seeds are fixed, so the outcome is deterministic.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DraftRoundEvent } from '@app/events';
import type { MethodConfig } from '@app/methods';
import type { Prompt } from '@app/runs';
import { parseMethodConfig } from '@app/methods';
import { SamplingParams } from '@app/sampling';
import { renderPrompt } from '../../engine';
import { KvCache } from '../../runtime/kv-cache';
import { LoadedModel, logitsRow } from '../../runtime/loaded-model';
import { prefill } from '../../runtime/prefill';
import { SamplingRng, processedDistribution } from '../../runtime/sampling';
import { EMBEDDED_MODELS } from '../../in-process';
import type { MethodImplementation } from '../context';
import type { StepBoundary } from '../reasoning/step-decoder';
import { decodeStepSpeculative, stepEnded } from '../reasoning/step-decoder';
import { Track } from '../reasoning/track';
import { chainSpeculative } from './chain';
import { dynamicExitLayer } from './del';
import { promptLookup } from './prompt-lookup';
import { plantResidualForTesting } from './rejection';
import { rsd } from './rsd';
import { chiSquareTest, memoizeForward, runDirect } from './test-support';

const PASS_P = 1e-3;
const FAIL_P = 1e-6;
/**
 * A prompt where the target is unsure and the draft agrees with it only in part (per-position overlap
 * about 0.8, 0.7, 0.2 at draft positions 1-3), so drafts are accepted deep and rejected often: the
 * embedded models' favourite colour list, continued from an assistant prefix.
 */
const COLOURS = ' white red';
/** The same list further on, so prompt lookup finds three tokens to propose after the first one. */
const COLOURS_LONG = ' white red red red red';
const promptOf = (prefix: string): Prompt => ({
  kind: 'chat',
  messages: [
    { role: 'user', content: 'Hello' },
    { role: 'assistant', content: prefix },
  ],
});

interface Scenario {
  label: string;
  sampling: { temperature: number; topK: number; topP: number };
  samples: number;
}

const scenarios: Scenario[] = [
  { label: 'top-k 3, temperature 1', sampling: { temperature: 1, topK: 3, topP: 1 }, samples: 600 },
  { label: 'top-p 0.8 (within the top 5), temperature 1', sampling: { temperature: 1, topK: 5, topP: 0.8 }, samples: 600 },
];

/** What a sampled run produced: its outcome key and how deep its drafts went. */
interface Sampled {
  key: string;
  /** Deepest drafted node. */
  depth: number;
  /** Longest accepted draft in one round. */
  accepted: number;
}

interface Arm {
  label: string;
  /** The assistant prefix of the prompt. */
  prefix: string;
  /** Output tokens compared (the run stops there). */
  tokens: number;
  sample(seed: number, s: Scenario['sampling']): Promise<Sampled>;
}

let base: LoadedModel;
let draft: LoadedModel;
let boundary: StepBoundary;
const idsOf = (prefix: string) => base.tokenizer.encode(renderPrompt(base, promptOf(prefix)));

/** Deepest node and longest accepted path over a run's draft_round events. */
function depthOf(events: readonly { kind: string }[]): { depth: number; accepted: number } {
  const rounds = events.filter((e): e is DraftRoundEvent => e.kind === 'draft_round');
  return {
    depth: Math.max(0, ...rounds.flatMap((r) => r.nodes.map((n) => n.depth))),
    accepted: Math.max(0, ...rounds.map((r) => r.acceptedPath.length)),
  };
}

/** An arm running a speculative method on the target `base` (and the draft model where it has one). */
function methodArm<C extends MethodConfig>(label: string, prefix: string, tokens: number, impl: MethodImplementation<C>, config: (sampling: SamplingParams) => C): Arm {
  return {
    label,
    prefix,
    tokens,
    async sample(seed, s) {
      const r = await runDirect(impl, config(SamplingParams.parse({ ...s, seed, maxNewTokens: tokens, topLogprobs: 0 })), { target: base, draft }, idsOf(prefix));
      return { key: [...r.ids, ...(r.stopReason === 'eos' ? ['eos'] : [])].join(','), ...depthOf(r.events) };
    },
  };
}

const target = { model: 'base' };
const draftRef = { model: 'draft' };
const STEP_CAP = 4;
const arms: Arm[] = [
  methodArm('chain, gamma 3', COLOURS, 5, chainSpeculative, (sampling) => parseMethodConfig({ method: 'chain_sd', models: { target, draft: draftRef }, params: { gamma: 3 }, sampling })),
  // Adaptive gamma from 1: the first round drafts one token, and only a grown gamma drafts three.
  methodArm('chain, adaptive gamma from 1', COLOURS, 7, chainSpeculative, (sampling) => parseMethodConfig({ method: 'chain_sd', models: { target, draft: draftRef }, params: { gamma: 1, adaptiveGamma: true }, sampling })),
  methodArm('RSD [2,2,1]', COLOURS, 5, rsd, (sampling) => parseMethodConfig({ method: 'rsd', models: { target, draft: draftRef }, params: { branching: [2, 2, 1] }, sampling })),
  // DEL's first round always drafts 2 (the prior acceptance picks it); with the estimates following
  // the last round (decay 0) its later rounds draft deeper, so its outcomes are longer.
  methodArm('DEL', COLOURS, 6, dynamicExitLayer, (sampling) => parseMethodConfig({ method: 'del', models: { target }, params: { maxDraftLength: 4, acceptanceDecay: 0, draftExit: 'off' }, sampling })),
  methodArm('prompt lookup', COLOURS_LONG, 5, promptLookup, (sampling) => parseMethodConfig({ method: 'prompt_lookup', models: { target }, params: { numTokens: 4, maxNgram: 2 }, sampling })),
  {
    // One speculative large-model step of SpecReason+Decode (the code path its large steps take):
    // gamma 3 and a step cap of 4, so a round that accepts all three drafts ends the step with its bonus.
    label: 'SpecReason+Decode step, gamma 3',
    prefix: COLOURS,
    tokens: STEP_CAP,
    async sample(seed, s) {
      const sampling = SamplingParams.parse({ ...s, seed, maxNewTokens: STEP_CAP });
      const large = new Track(base, (t) => prefill(base, t, null));
      const small = new Track(draft, (t) => prefill(draft, t, null));
      const step = await decodeStepSpeculative(large, small, idsOf(COLOURS), 3, { cap: STEP_CAP, boundary, tokenizer: base.tokenizer, sampling, rng: new SamplingRng(seed) });
      const deep = step.rounds === 1 && step.ids.length === STEP_CAP;
      return { key: step.ids.join(','), depth: step.draftTokens >= 3 ? 3 : step.draftTokens, accepted: deep ? 3 : step.acceptedTokens > 0 ? 1 : 0 };
    },
  },
];

/**
 * Exact probability of every outcome of the next `depth` tokens under the target. An outcome ends
 * early at end-of-turn (keyed 'eos', as the sink reports it), or where `ends` says (a step's end).
 */
async function exactOutcomes(promptIds: readonly number[], sampling: Scenario['sampling'], depth: number, ends?: (tail: readonly number[]) => boolean): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const add = (key: string, prob: number) => out.set(key, (out.get(key) ?? 0) + prob);
  const walk = async (tail: number[], prob: number): Promise<void> => {
    if (tail.length === depth || (tail.length > 0 && ends?.(tail))) return void add(tail.join(','), prob);
    const seq = [...promptIds, ...tail];
    const r = await base.forward(new KvCache(base.kvLayout), seq);
    const p = processedDistribution(logitsRow(r, seq.length - 1), sampling);
    for (let x = 0; x < p.length; x++) {
      if (!(p[x]! > 0)) continue;
      if (!ends && base.tokenizer.eosIds.has(x)) add([...tail, 'eos'].join(','), prob * p[x]!);
      else await walk([...tail, x], prob * p[x]!);
    }
  };
  await walk([], 1);
  return out;
}

beforeAll(async () => {
  base = memoizeForward(await LoadedModel.load(EMBEDDED_MODELS.base!, 'cpu', 'base'));
  draft = memoizeForward(await LoadedModel.load(EMBEDDED_MODELS.draft!, 'cpu', 'draft'));
  boundary = { eosIds: base.tokenizer.eosIds, delimiter: base.manifest.stepDelimiter, thinkEnd: base.manifest.specialTokens.thinkEnd ?? null };
});

afterEach(() => plantResidualForTesting(null));

describe.each(scenarios)('target distribution under sampling, drafts at depth 3: $label', (scenario) => {
  const tables = new Map<string, Promise<Map<string, number>>>();
  const exactFor = (arm: Arm) => {
    const step = arm.label.startsWith('SpecReason');
    const key = `${arm.prefix}|${arm.tokens}|${step}`;
    if (!tables.has(key)) {
      const ends = step ? (tail: readonly number[]) => stepEnded(tail.map((id) => base.tokenizer.piece(id)).join(''), tail[tail.length - 1]!, boundary) : undefined;
      tables.set(key, exactOutcomes(idsOf(arm.prefix), scenario.sampling, arm.tokens, ends));
    }
    return tables.get(key)!;
  };

  async function sampleArm(arm: Arm) {
    const counts = new Map<string, number>();
    let depth = 0;
    let deepAccepts = 0;
    for (let seed = 0; seed < scenario.samples; seed++) {
      const r = await arm.sample(seed, scenario.sampling);
      counts.set(r.key, (counts.get(r.key) ?? 0) + 1);
      depth = Math.max(depth, r.depth);
      if (r.accepted >= 3) deepAccepts++;
    }
    const exact = await exactFor(arm);
    expect([...exact.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    const fit = chiSquareTest(counts, exact);
    return { fit, depth, deepAccepts };
  }

  it.each(arms.map((a) => [a.label, a] as const))(`%s matches it (p > ${PASS_P}), accepting drafts at depth 3`, async (_label, arm) => {
    const { fit, depth, deepAccepts } = await sampleArm(arm);
    expect(depth).toBeGreaterThanOrEqual(3);
    expect(deepAccepts).toBeGreaterThan(0); // a chain of three accepted, then its bonus token
    expect(fit.df).toBeGreaterThanOrEqual(4);
    expect(fit.pValue).toBeGreaterThan(PASS_P);
  });

  it.each(arms.map((a) => [a.label, a] as const))(`%s with the residual bug planted (redraw from p) fails (p < ${FAIL_P})`, async (_label, arm) => {
    plantResidualForTesting((p) => Float64Array.from(p));
    const { fit } = await sampleArm(arm);
    expect(fit.pValue).toBeLessThan(FAIL_P);
  });
});
