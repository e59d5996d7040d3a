// `workbench bench reasoning --sampling`: EAD and SpecReason under the SpecReason paper's sampling
// (temperature 0.6, top-p 0.95; its judge stays greedy, as in the official code), over several
// seeds. Per seed every configuration runs every problem right after the large model alone (same
// prompts, warm models); per seed: accuracy, Spec-Bench speedup against the large model alone (mean
// per-run wall tokens/s over the large model's), decode-only speedup, large-model share and the
// parameter-weighted cost from positions computed. The table gives mean ± sample sd over seeds.
import os from 'node:os';
import { decodeSpeedup, specBenchSpeedup } from '@app/analysis/speedup';
import type { TaskFamily } from '@app/datasets';
import type { Provider } from '@app/models';
import type { RunMetrics } from '@app/runs';
import { generateSuite, gradeOutput, gradingSpecFor } from '@app/tasks';
import { CollectingEngine } from '../engine/in-process';
import { EMBEDDED_PARAMS } from './reasoning';
import type { SamplingSettings, Spread } from './spec-sampling';
import { spread } from './spec-sampling';

/** SpecReason's sampling (official code: temperature 0.6, top-p 0.95, as Qwen's QwQ guidelines). */
export const SPECREASON_PAPER_SAMPLING: SamplingSettings = { temperature: 0.6, topP: 0.95, topK: 0 };

export interface ReasoningSamplingOptions {
  provider: Provider;
  smallProvider?: Provider;
  problemsPerCell: number;
  difficulties?: number[];
  families?: TaskFamily[];
  seeds: number[];
  sampling?: SamplingSettings;
  maxNewTokens?: number;
  out?: (line: string) => void;
}

export interface ReasoningSamplingRow {
  label: string;
  accuracy: Spread;
  speedup: Spread;
  decodeSpeedup: Spread;
  largeShare: Spread;
  paramWeightedCost: Spread;
}

const fmtSpread = (s: Spread, digits: number, scale = 1, unit = '') => (s.mean === null ? '-' : `${(s.mean * scale).toFixed(digits)}${unit}${s.sd === null ? '' : ` ± ${(s.sd * scale).toFixed(digits)}`}`);

/** Runs the benchmark and prints a Markdown table through `out`. */
export async function runReasoningSamplingBench(opts: ReasoningSamplingOptions): Promise<{ rows: ReasoningSamplingRow[]; table: string }> {
  const out = opts.out ?? (() => undefined);
  const settings = opts.sampling ?? SPECREASON_PAPER_SAMPLING;
  const families = opts.families ?? ['arithmetic', 'variables'];
  const difficulties = opts.difficulties ?? [3, 4, 5, 6];
  const problems = generateSuite({ families, difficulties, countPerCell: opts.problemsPerCell, seed: 2026, split: 'test' });
  const small = { model: 'draft', provider: opts.smallProvider ?? 'cpu' };
  const large = { model: 'base', provider: opts.provider };
  const pair = { small, large };
  const configs: { key: string; label: string; config: Record<string, unknown> }[] = [
    { key: 'large', label: 'large alone (base)', config: { method: 'autoregressive', models: { model: large } } },
    { key: 'small', label: 'small alone (draft)', config: { method: 'autoregressive', models: { model: small } } },
    { key: 'ead', label: 'EAD tau=0.015 bits, d_min 4', config: { method: 'ead', models: pair } },
    { key: 'ead-hi', label: 'EAD tau=0.045 bits, d_min 4', config: { method: 'ead', models: pair, params: { tau: 0.045 } } },
    { key: 'sr', label: 'SpecReason t=7 greedy', config: { method: 'specreason', models: pair, params: { threshold: 7 } } },
    { key: 'sr-decode', label: 'SpecReason+Decode t=7 (gamma 4)', config: { method: 'specreason', models: pair, params: { threshold: 7, largeUsesSpeculation: true, gamma: 4 } } },
  ];
  const ce = new CollectingEngine();
  const run = (question: string, config: Record<string, unknown>, seed: number) =>
    ce.run({ prompt: { kind: 'text', text: question }, config: { ...config, sampling: { ...settings, seed, maxNewTokens: opts.maxNewTokens ?? 256, topLogprobs: 0 } } });
  for (const c of configs) await run(problems[0]!.question, c.config, 0);

  type SeedFigures = { accuracy: number; speedup: number | null; decode: number | null; share: number | null; cost: number | null };
  const perSeed = new Map(configs.map((c) => [c.key, [] as SeedFigures[]]));
  for (const seed of opts.seeds) {
    const results = new Map(configs.map((c) => [c.key, [] as { metrics: RunMetrics; base: RunMetrics; correct: boolean; largeTokens: number; tokens: number }[]]));
    for (const p of problems) {
      const base = await run(p.question, configs[0]!.config, seed);
      for (const c of configs) {
        const r = c.key === 'large' ? base : await run(p.question, c.config, seed);
        if (r.finished.status !== 'completed' || !r.finished.metrics || !base.finished.metrics) throw new Error(`${c.label} failed: ${r.finished.error?.message ?? r.finished.status}`);
        results.get(c.key)!.push({
          metrics: r.finished.metrics,
          base: base.finished.metrics,
          correct: gradeOutput(r.finished.output, p.answer, gradingSpecFor(p.answerKind)).correct,
          largeTokens: c.key === 'large' ? r.tokens.length : r.tokens.filter((t) => t.source === 'large').length,
          tokens: r.tokens.length,
        });
      }
    }
    for (const c of configs) {
      const list = results.get(c.key)!;
      const tokens = list.reduce((a, x) => a + x.tokens, 0);
      const costs = list.flatMap((x) => (x.metrics.paramWeightedCost !== undefined ? [x.metrics.paramWeightedCost] : []));
      perSeed.get(c.key)!.push({
        accuracy: list.filter((x) => x.correct).length / list.length,
        speedup: specBenchSpeedup(list.map((x) => ({ arm: x.metrics, base: x.base }))),
        decode: decodeSpeedup(list.map((x) => ({ arm: x.metrics, base: x.base }))),
        share: tokens > 0 ? list.reduce((a, x) => a + x.largeTokens, 0) / tokens : null,
        // The small model alone is costed against its own parameters: rescale to the large model's.
        cost: costs.length > 0 ? (costs.reduce((a, b) => a + b, 0) / costs.length) * (c.key === 'small' ? EMBEDDED_PARAMS.small / EMBEDDED_PARAMS.large : 1) : null,
      });
    }
  }
  const rows: ReasoningSamplingRow[] = configs.map((c) => {
    const s = perSeed.get(c.key)!;
    return {
      label: c.label,
      accuracy: spread(s.map((x) => x.accuracy)),
      speedup: spread(s.map((x) => x.speedup)),
      decodeSpeedup: spread(s.map((x) => x.decode)),
      largeShare: spread(s.map((x) => x.share)),
      paramWeightedCost: spread(s.map((x) => x.cost)),
    };
  });
  const table = [
    '| config | accuracy % | speedup vs large (Spec-Bench, wall) | decode-only speedup | large share (tokens) % | param-weighted cost (positions) |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.label} | ${fmtSpread(r.accuracy, 1, 100)} | ${fmtSpread(r.speedup, 2, 1, 'x')} | ${fmtSpread(r.decodeSpeedup, 2, 1, 'x')} | ${fmtSpread(r.largeShare, 1, 100)} | ${fmtSpread(r.paramWeightedCost, 3)} |`),
  ].join('\n');
  out(`Reasoning methods under sampling (temperature ${settings.temperature}, top-p ${settings.topP}; SpecReason's judge greedy): small on ${small.provider}, large on ${large.provider}; ${os.cpus().length} CPU cores (${os.cpus()[0]?.model ?? 'unknown CPU'}).`);
  out(`${problems.length} test problems (${families.join('+')} at difficulties ${difficulties.join(',')}) x ${opts.seeds.length} seeds (${opts.seeds.join(', ')}); each figure is the mean ± sample sd over seeds.`);
  out('');
  out(table);
  return { rows, table };
}
