// The test-time scaling benchmark (issue 15) on the embedded models, over held-out test problems at
// difficulties 6-8 (where the base model alone fails often): greedy decoding against repeated
// sampling with k samples selected by majority vote, by mean log-probability, and by the judge as a
// process reward model (min over steps), plus the oracle's coverage (any of the k samples right);
// and the search methods at the same k: particle filtering with N = k particles, A*-decoding (4
// candidates per expansion) under the token budget of k full samples.
// Each run gets the item's answer as a host would (HostSetup.reference), so every sample is graded.
// Reports accuracy against the compute each took: tokens generated over all samples, positions
// computed by every model (the judge's included) and wall time. Configurations run back to back per
// problem (after one warm-up problem), so load on the machine hits them alike.
import type { SampleEvent } from '@app/events';
import type { TaskFamily } from '@app/datasets';
import type { Provider } from '@app/models';
import type { Problem } from '@app/tasks';
import { generateSuite, gradeOutput, gradingSpecFor } from '@app/tasks';
import type { CollectedRun } from '../engine/in-process';
import { CollectingEngine } from '../engine/in-process';
import { ModelLoader } from '../engine/model-loader';

export interface ScalingBenchOptions {
  provider: Provider;
  problemsPerCell: number;
  difficulties?: number[];
  families?: TaskFamily[];
  /** Sample counts (default 4 and 16). */
  ks?: number[];
  /** Sampling temperature of the repeated samples (default 0.6, the Monkeys paper's for MATH). */
  temperature?: number;
  /** The sampling model and the judge (default the embedded base model for both). */
  model?: string;
  judge?: string;
  seed?: number;
  maxNewTokens?: number;
  warmup?: boolean;
  out?: (line: string) => void;
}

export interface ScalingRow {
  label: string;
  k: number;
  problems: number;
  accuracy: number;
  /** Share of problems with at least one correct sample (repeated sampling only). */
  coverage: number | null;
  meanGeneratedTokens: number;
  /** Positions computed per problem, every model summed (the judge's included). */
  meanPositions: number;
  meanMs: number;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** Runs the benchmark and prints one Markdown table. */
export async function runScalingBench(opts: ScalingBenchOptions): Promise<ScalingRow[]> {
  const out = opts.out ?? (() => undefined);
  const problems = generateSuite({ families: opts.families ?? ['arithmetic', 'variables'], difficulties: opts.difficulties ?? [6, 7, 8], countPerCell: opts.problemsPerCell, seed: opts.seed ?? 2026, split: 'test' });
  const ce = new CollectingEngine(new ModelLoader());
  const model = { model: opts.model ?? 'base', provider: opts.provider };
  const judge = { model: opts.judge ?? 'base', provider: opts.provider };
  const maxNewTokens = opts.maxNewTokens ?? 192;
  const sampled = { temperature: opts.temperature ?? 0.6, seed: 1, maxNewTokens, topLogprobs: 0 };
  const configs = [
    { label: 'greedy', k: 1, config: { method: 'autoregressive', models: { model }, sampling: { maxNewTokens, topLogprobs: 0 } } },
    ...(opts.ks ?? [4, 16]).flatMap((k) => [
      { label: `majority@${k}`, k, config: { method: 'repeated_sampling', models: { model, judge }, params: { k, selection: 'majority', verifier: 'mean_logprob' }, sampling: sampled } },
      { label: `mean-logprob best-of-${k}`, k, config: { method: 'repeated_sampling', models: { model, judge }, params: { k, selection: 'verifier', verifier: 'mean_logprob' }, sampling: sampled } },
      { label: `PRM (min) best-of-${k}`, k, config: { method: 'repeated_sampling', models: { model, judge }, params: { k, selection: 'verifier', verifier: 'judge_prm', prmAggregation: 'min' }, sampling: sampled } },
      // The search methods (branch search): N = k particles; A* with 4 candidates per expansion under the tokens of k full samples.
      { label: `particle filtering N=${k}`, k, config: { method: 'particle_filtering', models: { policy: model, judge }, params: { particles: Math.min(k, 64) }, sampling: sampled } },
      { label: `A* (4 candidates, ${k} x ${maxNewTokens} tokens)`, k, config: { method: 'astar_decoding', models: { policy: model, judge }, params: { candidates: 4, tokenBudget: k * maxNewTokens }, sampling: sampled } },
    ]),
  ];
  const run = (p: Problem, config: Record<string, unknown>) =>
    ce.run({ prompt: { kind: 'text', text: p.question }, config }, undefined, { reference: { answer: p.answer, grading: gradingSpecFor(p.answerKind) } });
  if (opts.warmup ?? true) for (const c of configs) await run(problems[0]!, c.config);
  const runs = new Map<string, { p: Problem; r: CollectedRun }[]>(configs.map((c) => [c.label, []]));
  for (const p of problems) for (const c of configs) runs.get(c.label)!.push({ p, r: await run(p, c.config) });

  const rows: ScalingRow[] = configs.map((c) => {
    const list = runs.get(c.label)!;
    const failed = list.find(({ r }) => r.finished.status !== 'completed');
    if (failed) throw new Error(`${c.label} failed on ${failed.p.id}: ${failed.r.finished.error?.message ?? failed.r.finished.status}`);
    const correct = list.filter(({ p, r }) => gradeOutput(r.finished.output, p.answer, gradingSpecFor(p.answerKind)).correct).length;
    const samples = list.map(({ r }) => r.events.filter((e): e is SampleEvent => e.kind === 'sample'));
    return {
      label: c.label,
      k: c.k,
      problems: list.length,
      accuracy: correct / list.length,
      coverage: c.config.method === 'repeated_sampling' ? samples.filter((s) => s.some((x) => x.correct)).length / list.length : null,
      meanGeneratedTokens: mean(list.map(({ r }) => r.finished.metrics!.sampleTokens ?? r.finished.metrics!.sampledTokens ?? r.finished.metrics!.newTokens)),
      meanPositions: mean(list.map(({ r }) => Object.values(r.finished.metrics!.positionsByModel ?? {}).reduce((a, b) => a + b, 0))),
      meanMs: mean(list.map(({ r }) => r.finished.metrics!.totalMs)),
    };
  });
  out(`### Test-time scaling: ${problems.length} held-out problems (difficulties ${(opts.difficulties ?? [6, 7, 8]).join(', ')}), sampler ${model.model}, judge ${judge.model}, T = ${sampled.temperature}`);
  out('');
  out('| configuration | k | accuracy | coverage (oracle@k) | tokens generated | positions (all models) | ms per problem |');
  out('|---|---|---|---|---|---|---|');
  for (const r of rows) out(`| ${r.label} | ${r.k} | ${(r.accuracy * 100).toFixed(1)}% | ${r.coverage === null ? '—' : `${(r.coverage * 100).toFixed(1)}%`} | ${r.meanGeneratedTokens.toFixed(0)} | ${r.meanPositions.toFixed(0)} | ${r.meanMs.toFixed(0)} |`);
  out('');
  return rows;
}
