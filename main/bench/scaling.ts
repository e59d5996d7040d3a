// The test-time scaling benchmark on the embedded models (issue 15): held-out test problems at
// difficulties 6-8, where the small model alone often fails, answered by the small model (draft) as
// the policy with the base model as judge: greedy, one sample, majority@k and PRM-best-of-k
// (repeated sampling), particle filtering and A*-decoding. Per configuration: accuracy, the output's
// tokens, every token sampled (all samples, particles or candidates: the compute), judge passes and
// wall time. Every problem runs every configuration back to back (after one warm-up problem), so
// load on the machine hits all of them alike. Prints a Markdown table through `out`.
import type { TaskFamily } from '@app/datasets';
import type { Provider } from '@app/models';
import type { Problem } from '@app/tasks';
import { generateSuite, gradeOutput, gradingSpecFor } from '@app/tasks';
import { CollectingEngine } from '../engine/in-process';
import { ModelLoader } from '../engine/model-loader';

export interface ScalingBenchOptions {
  provider: Provider;
  problemsPerCell: number;
  difficulties?: number[];
  families?: TaskFamily[];
  /** Policy temperature of the sampled configurations (default 1). */
  temperature?: number;
  /** Suite seed (default 2026) and the runs' sampling seed (default 1). */
  seed?: number;
  samplingSeed?: number;
  warmup?: boolean;
  out?: (line: string) => void;
}

export interface ScalingRow {
  label: string;
  problems: number;
  correct: number;
  accuracy: number;
  meanOutputTokens: number;
  /** Tokens sampled per problem: every sample, particle or candidate, kept or not. */
  meanSampledTokens: number;
  meanPrmCalls: number | null;
  meanMs: number;
}

/** Runs the benchmark; see the module comment. */
export async function runScalingBench(opts: ScalingBenchOptions): Promise<ScalingRow[]> {
  const out = opts.out ?? (() => undefined);
  const problems = generateSuite({ families: opts.families ?? ['arithmetic', 'variables'], difficulties: opts.difficulties ?? [6, 7, 8], countPerCell: opts.problemsPerCell, seed: opts.seed ?? 2026, split: 'test' });
  const ce = new CollectingEngine(new ModelLoader());
  const ref = (model: string) => ({ model, provider: opts.provider });
  const pair = { policy: ref('draft'), judge: ref('base') };
  const sampled = { temperature: opts.temperature ?? 1, seed: opts.samplingSeed ?? 1 };
  const configs: { label: string; config: Record<string, unknown>; sampling: Record<string, unknown> }[] = [
    { label: 'greedy (draft)', config: { method: 'autoregressive', models: { model: ref('draft') } }, sampling: {} },
    { label: 'one sample (draft)', config: { method: 'autoregressive', models: { model: ref('draft') } }, sampling: sampled },
    ...[4, 8].map((k) => ({ label: `majority@${k}`, config: { method: 'repeated_sampling', models: { model: ref('draft'), judge: ref('base') }, params: { k, selection: 'majority', verifier: 'mean_logprob' } }, sampling: sampled })),
    { label: 'PRM-best-of-8 (min)', config: { method: 'repeated_sampling', models: { model: ref('draft'), judge: ref('base') }, params: { k: 8, selection: 'verifier', verifier: 'judge_prm', prmAggregation: 'min' } }, sampling: sampled },
    ...[4, 8].map((n) => ({ label: `particle filtering N=${n}`, config: { method: 'particle_filtering', models: pair, params: { particles: n } }, sampling: sampled })),
    ...[3, 4].map((k) => ({ label: `A* k=${k}`, config: { method: 'astar_decoding', models: pair, params: { candidates: k, tokenBudget: 2048 } }, sampling: sampled })),
  ];
  const run = (p: Problem, c: (typeof configs)[number]) => ce.run({ prompt: { kind: 'text', text: p.question }, config: { ...c.config, sampling: { maxNewTokens: 384, topLogprobs: 0, ...c.sampling } } });
  if (opts.warmup ?? true) for (const c of configs) await run(problems[0]!, c);
  const sums = configs.map(() => ({ correct: 0, output: 0, sampled: 0, prm: 0, prmSeen: false, ms: 0 }));
  for (const p of problems) {
    for (let i = 0; i < configs.length; i++) {
      const r = await run(p, configs[i]!);
      const m = r.finished.metrics;
      if (r.finished.status !== 'completed' || !m) throw new Error(`${configs[i]!.label} on ${p.id}: ${r.finished.error?.message ?? r.finished.status}`);
      const s = sums[i]!;
      if (gradeOutput(r.finished.output, p.answer, gradingSpecFor(p.answerKind)).correct) s.correct++;
      s.output += m.newTokens;
      s.sampled += m.sampleTokens ?? m.sampledTokens ?? m.newTokens;
      if (m.prmCalls !== undefined) {
        s.prm += m.prmCalls;
        s.prmSeen = true;
      }
      s.ms += m.totalMs;
    }
  }
  const n = problems.length;
  const rows = configs.map((c, i): ScalingRow => {
    const s = sums[i]!;
    return { label: c.label, problems: n, correct: s.correct, accuracy: s.correct / n, meanOutputTokens: s.output / n, meanSampledTokens: s.sampled / n, meanPrmCalls: s.prmSeen ? s.prm / n : null, meanMs: s.ms / n };
  });
  out(`Test-time scaling: ${n} held-out problems (difficulties ${(opts.difficulties ?? [6, 7, 8]).join(', ')}), policy draft, judge base, temperature ${sampled.temperature} for the sampled rows.\n`);
  out('| configuration | accuracy | output tokens | sampled tokens | judge passes | ms / problem |');
  out('|---|---|---|---|---|---|');
  for (const r of rows) out(`| ${r.label} | ${(r.accuracy * 100).toFixed(1)}% (${r.correct}/${r.problems}) | ${r.meanOutputTokens.toFixed(0)} | ${r.meanSampledTokens.toFixed(0)} | ${r.meanPrmCalls === null ? '—' : r.meanPrmCalls.toFixed(1)} | ${r.meanMs.toFixed(0)} |`);
  out('');
  return rows;
}
