// `workbench bench spec --sampling`: the speculative methods under sampling, where their acceptance
// rules actually run (chain's min(1, p/q) and residual, RSD's Gumbel-top-k tree and recursive
// rejection, DEL's and Token Recycling's sampled verification). Several seeds; per seed every method
// runs every problem right after the baseline (same prompts, warm models), and the seed's figures are
// Spec-Bench's: speedup = mean per-run wall tokens/s over the baseline's, decode-only speedup, mean
// accepted tokens. The table gives the mean and sample standard deviation over seeds.
import os from 'node:os';
import path from 'node:path';
import { decodeSpeedup, meanAcceptedTokens, specBenchSpeedup } from '@app/analysis/speedup';
import type { Provider } from '@app/models';
import type { RunMetrics } from '@app/runs';
import { CollectingEngine } from '../engine/in-process';
import type { BenchMethod } from './spec';
import { benchProblems, findModelsDir, specBenchMethods } from './spec';

export interface SamplingSettings {
  temperature: number;
  topP: number;
  topK: number;
}

/** Leviathan et al., Chen et al. and RSD evaluate lossless sampling at temperature 1, no truncation. */
export const SPEC_PAPER_SAMPLING: SamplingSettings = { temperature: 1, topP: 1, topK: 0 };

export interface SpecSamplingOptions {
  provider: Provider;
  draftProvider?: Provider;
  problems: number;
  maxNewTokens: number;
  seeds: number[];
  sampling?: SamplingSettings;
  methods?: string[];
  out?: (line: string) => void;
}

export interface Spread {
  mean: number | null;
  sd: number | null;
}

export interface SpecSamplingRow {
  key: string;
  label: string;
  speedup: Spread;
  decodeSpeedup: Spread;
  meanAcceptedTokens: Spread;
  /** vLLM's 1 + accepted / rounds, pooled per seed. */
  meanAcceptanceLength: Spread;
  failures: number;
}

/** Mean and sample standard deviation (n - 1) of the non-null values. */
export function spread(values: readonly (number | null)[]): Spread {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (xs.length === 0) return { mean: null, sd: null };
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = xs.length > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1)) : null;
  return { mean, sd };
}

const fmtSpread = (s: Spread, digits = 2, unit = '') => (s.mean === null ? '-' : `${s.mean.toFixed(digits)}${unit}${s.sd === null ? '' : ` ± ${s.sd.toFixed(digits)}`}`);

/** Runs the sampling benchmark and prints a Markdown table through `out`. */
export async function runSpecSamplingBench(opts: SpecSamplingOptions): Promise<{ rows: SpecSamplingRow[]; table: string; device: string }> {
  const out = opts.out ?? (() => {});
  const settings = opts.sampling ?? SPEC_PAPER_SAMPLING;
  const draftProvider = opts.draftProvider ?? 'cpu';
  const modelsDir = findModelsDir();
  const models = { base: path.join(modelsDir, 'base'), draft: path.join(modelsDir, 'draft') };
  const target = { model: 'base', provider: opts.provider };
  const draft = { model: 'draft', provider: draftProvider };
  // Token Recycling has no sampling rule (the official method verifies greedily): it refuses temperature > 0.
  const chosen = specBenchMethods.filter((m) => !m.key.startsWith('tr') && (!opts.methods || opts.methods.includes(m.key)));
  const baselineMethod: BenchMethod = { key: 'baseline', label: 'autoregressive (baseline)', config: (t) => ({ method: 'autoregressive', models: { model: t } }) };
  const problems = benchProblems(opts.problems, 2024);
  const engine = new CollectingEngine();
  const device = `${os.cpus().length} CPU cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), target on ${opts.provider}, draft on ${draftProvider}`;
  const run = (m: BenchMethod, question: string, seed: number, maxNewTokens = opts.maxNewTokens) =>
    engine.run({ prompt: { kind: 'text', text: question }, config: { ...m.config(target, draft), sampling: { ...settings, seed, maxNewTokens, topLogprobs: 0 } } }, models);

  // The engine warms each model up on first use; one short run per method also loads its graphs.
  for (const m of [baselineMethod, ...chosen]) await run(m, problems[0]!.question, 0, 8);

  const perSeed = new Map(chosen.map((m) => [m.key, [] as { speedup: number | null; decode: number | null; accepted: number | null; acceptance: number | null; failures: number }[]]));
  for (const seed of opts.seeds) {
    const pairs = new Map(chosen.map((m) => [m.key, [] as { arm: RunMetrics; base: RunMetrics }[]]));
    const failures = new Map(chosen.map((m) => [m.key, 0]));
    for (const [index, problem] of problems.entries()) {
      const base = await run(baselineMethod, problem.question, seed);
      const order = chosen.map((_, i) => chosen[(i + index) % chosen.length]!);
      for (const m of order) {
        const r = await run(m, problem.question, seed);
        if (r.finished.status === 'completed' && r.finished.metrics && base.finished.metrics) pairs.get(m.key)!.push({ arm: r.finished.metrics, base: base.finished.metrics });
        else failures.set(m.key, failures.get(m.key)! + 1);
      }
    }
    for (const m of chosen) {
      const ps = pairs.get(m.key)!;
      const rounds = ps.reduce((a, p) => a + (p.arm.rounds ?? 0), 0);
      perSeed.get(m.key)!.push({
        speedup: specBenchSpeedup(ps),
        decode: decodeSpeedup(ps),
        accepted: meanAcceptedTokens(ps.map((p) => p.arm)),
        acceptance: rounds > 0 ? 1 + ps.reduce((a, p) => a + (p.arm.acceptedTokens ?? 0), 0) / rounds : null,
        failures: failures.get(m.key)!,
      });
    }
  }
  const rows: SpecSamplingRow[] = chosen.map((m) => {
    const s = perSeed.get(m.key)!;
    return {
      key: m.key,
      label: m.label,
      speedup: spread(s.map((x) => x.speedup)),
      decodeSpeedup: spread(s.map((x) => x.decode)),
      meanAcceptedTokens: spread(s.map((x) => x.accepted)),
      meanAcceptanceLength: spread(s.map((x) => x.acceptance)),
      failures: s.reduce((a, x) => a + x.failures, 0),
    };
  });
  const lines = [
    '| method | speedup (Spec-Bench, wall) | decode-only speedup | mean accepted tokens (Spec-Bench) | mean acc. length (vLLM) |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.label}${r.failures ? ` (${r.failures} failed)` : ''} | ${fmtSpread(r.speedup, 2, 'x')} | ${fmtSpread(r.decodeSpeedup, 2, 'x')} | ${fmtSpread(r.meanAcceptedTokens)} | ${fmtSpread(r.meanAcceptanceLength)} |`),
  ];
  const table = lines.join('\n');
  out(`Speculative decoding under sampling (temperature ${settings.temperature}, top-p ${settings.topP}, top-k ${settings.topK || 'off'}) on the embedded models: target base (${opts.provider}), draft draft (${draftProvider}); ${device}.`);
  out(`${problems.length} test-split problems x ${opts.seeds.length} seeds (${opts.seeds.join(', ')}), up to ${opts.maxNewTokens} new tokens; each figure is the mean ± sample sd over seeds of that seed's figure over the problems.`);
  out('');
  out(table);
  return { rows, table, device };
}
