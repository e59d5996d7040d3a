// `workbench bench spec`: the speculative methods against the autoregressive baseline on the embedded
// models (target base, draft draft) over the synthetic suite, in one process and one engine. Greedy,
// a fixed seed, a mix of families and difficulties 2-6 from the test split; a warm-up run of every
// method first; per problem all methods run back to back in a rotating order (so drift and the TR
// matrix's warming affect all alike), after priming the prefix pools so every method's prefill reuses
// the prompt equally. Reports Spec-Bench / vLLM numbers per method and a Markdown table.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TaskFamily } from '@app/datasets';
import type { Provider } from '@app/models';
import { decodeSpeedup, specBenchSpeedup } from '@app/analysis/speedup';
import type { RunMetrics } from '@app/runs';
import type { Problem } from '@app/tasks/problem';
import { generateSuite } from '@app/tasks/suite';
import { CollectingEngine } from '../engine/in-process';

export interface SpecBenchOptions {
  /** Where the target runs. */
  provider: Provider;
  problems: number;
  maxNewTokens: number;
  out?: (line: string) => void;
  /** Where the draft model runs; the CPU by default (DESIGN.md: a draft belongs on the CPU). */
  draftProvider?: Provider;
  /** The folder holding the embedded models (default: native-models/ found above this module or the working directory). */
  modelsDir?: string;
  /** Suite seed (default 2024). */
  seed?: number;
  /** Run only these methods (by key, see specBenchMethods); the baseline always runs. */
  methods?: string[];
}

export interface SpecBenchRow {
  key: string;
  label: string;
  runs: number;
  failures: string[];
  newTokens: number;
  /** Generated tokens per second of decode time (wall time outside prompt prefill), over all problems. */
  decodeTokensPerS: number | null;
  /** Spec-Bench's speedup: mean per-problem wall tokens/s over the baseline's (app/analysis/speedup.ts). */
  speedup: number | null;
  /** Decode-only speedup: pooled decode tokens/s over the baseline's. */
  decodeSpeedup: number | null;
  /** 1 + accepted / rounds (vLLM), null for the baseline. */
  meanAcceptanceLength: number | null;
  /** Unconditional acceptance at draft positions 1..6. */
  perPositionAcceptance: number[];
  draftAcceptanceRate: number | null;
  targetPassesPerToken: number | null;
  /** Share of decode time spent drafting. */
  draftShare: number | null;
  /** Mean per round: drafting, target verification, and everything else (acceptance, cache, events). */
  perRound: { draftMs: number; verifyMs: number; overheadMs: number } | null;
  /** Problems whose output ids equal the baseline's. */
  identical: number;
}

export interface SpecBenchResult {
  device: string;
  provider: Provider;
  draftProvider: Provider;
  maxNewTokens: number;
  seed: number;
  problems: { id: string; family: TaskFamily; difficulty: number }[];
  rows: SpecBenchRow[];
  /** The Markdown table printed through `out`. */
  table: string;
}

export interface BenchMethod {
  key: string;
  label: string;
  config: (target: { model: string; provider: Provider }, draft: { model: string; provider: Provider }) => Record<string, unknown>;
}

/** The methods compared (besides the baseline), keyed for `methods`. */
export const specBenchMethods: BenchMethod[] = [
  { key: 'chain', label: 'chain SD, gamma 4', config: (target, draft) => ({ method: 'chain_sd', models: { target, draft }, params: { gamma: 4 } }) },
  { key: 'chain-adaptive', label: 'chain SD, adaptive gamma', config: (target, draft) => ({ method: 'chain_sd', models: { target, draft }, params: { gamma: 4, adaptiveGamma: true } }) },
  { key: 'tr', label: 'Token Recycling, tr-80', config: (target) => ({ method: 'token_recycling', models: { target }, params: { tree: 'tr-80' } }) },
  // Smaller trees trade acceptance length for a cheaper verify pass (where compute, not memory, binds).
  { key: 'tr-40', label: 'Token Recycling, tr-40', config: (target) => ({ method: 'token_recycling', models: { target }, params: { tree: 'tr-40' } }) },
  { key: 'tr-20', label: 'Token Recycling, tr-20', config: (target) => ({ method: 'token_recycling', models: { target }, params: { tree: 'tr-20' } }) },
  // RSD at equal draft length (depth 4, as chain gamma 4) and at equal target budget (4 tree nodes).
  // Greedy, RSD's Gumbel-top-k sampling and recursive rejection never run: its tree is the draft's
  // top-b children per level, verified by argmax matching (runSpecBenchSampling runs the real thing).
  { key: 'rsd', label: 'RSD [3,2,2,1] (equal length)', config: (target, draft) => ({ method: 'rsd', models: { target, draft }, params: { branching: [3, 2, 2, 1] } }) },
  { key: 'rsd-budget', label: 'RSD [2,1] (equal budget)', config: (target, draft) => ({ method: 'rsd', models: { target, draft }, params: { branching: [2, 1] } }) },
  { key: 'del', label: 'DEL', config: (target) => ({ method: 'del', models: { target } }) },
  // No draft model: n-gram lookup in the prompt and output so far (transformers' defaults).
  { key: 'pld', label: 'prompt lookup, 10 tokens, 2-grams', config: (target) => ({ method: 'prompt_lookup', models: { target }, params: { numTokens: 10, maxNgram: 2 } }) },
];

const FAMILIES: TaskFamily[] = ['arithmetic', 'variables', 'swaps'];
const DIFFICULTIES = [2, 3, 4, 5, 6];

/**
 * `count` test-split problems cycling through every (family, difficulty) cell: problem k comes from
 * family k mod 3 and difficulty 2 + (k mod 5), so any 15 consecutive ones cover all 15 cells.
 */
export function benchProblems(count: number, seed: number): Problem[] {
  const perCell = Math.max(1, Math.ceil(count / (FAMILIES.length * DIFFICULTIES.length)));
  const suite = generateSuite({ families: FAMILIES, difficulties: DIFFICULTIES, countPerCell: perCell, seed, split: 'test' });
  const cell = (f: TaskFamily, d: number) => suite.filter((p) => p.family === f && p.difficulty === d);
  return Array.from({ length: count }, (_, k) => cell(FAMILIES[k % 3]!, DIFFICULTIES[k % 5]!)[Math.floor(k / 15)]!);
}

/** The row label of a method: under greedy decoding RSD is a fixed top-b tree and says so. */
export function greedyLabel(m: Pick<BenchMethod, 'key' | 'label'>): string {
  return m.key.startsWith('rsd') ? m.label.replace(/^RSD /, 'RSD greedy top-b tree ') : m.label;
}

/** The folder holding the embedded models. */
export function findModelsDir(): string {
  const starts = [path.dirname(fileURLToPath(import.meta.url)), process.cwd()];
  for (const start of starts) {
    let dir = start;
    for (let i = 0; i < 6; i++) {
      if (fs.existsSync(path.join(dir, 'native-models', 'base', 'workbench.json'))) return path.join(dir, 'native-models');
      dir = path.dirname(dir);
    }
  }
  throw new Error(`cannot find native-models/ above ${starts.join(' or ')}: pass modelsDir`);
}

interface Totals {
  runs: number;
  failures: string[];
  newTokens: number;
  decodeTokens: number;
  decodeMs: number;
  totalMs: number;
  rounds: number;
  accepted: number;
  drafted: number;
  acceptedAt: number[];
  targetPasses: number;
  draftMs: number;
  verifyMs: number;
  identical: number;
  /** Each completed run's metrics by problem index (for paired speedups). */
  byProblem: Map<number, RunMetrics>;
}

function emptyTotals(): Totals {
  return { runs: 0, failures: [], newTokens: 0, decodeTokens: 0, decodeMs: 0, totalMs: 0, rounds: 0, accepted: 0, drafted: 0, acceptedAt: [], targetPasses: 0, draftMs: 0, verifyMs: 0, identical: 0, byProblem: new Map() };
}

function addRun(t: Totals, m: RunMetrics, problem: number): void {
  t.runs++;
  t.byProblem.set(problem, m);
  t.newTokens += m.newTokens;
  t.decodeTokens += m.newTokens;
  t.decodeMs += m.decodeMs;
  t.totalMs += m.totalMs;
  t.targetPasses += m.targetForwardPasses ?? 0;
  if (m.rounds === undefined) return;
  t.rounds += m.rounds;
  t.accepted += m.acceptedTokens ?? 0;
  t.drafted += m.draftTokens ?? 0;
  (m.perPositionAcceptance ?? []).forEach((rate, i) => (t.acceptedAt[i] = (t.acceptedAt[i] ?? 0) + Math.round(rate * m.rounds!)));
  t.draftMs += m.draftMs ?? 0;
  t.verifyMs += m.verifyMs ?? 0;
}

function toRow(key: string, label: string, t: Totals, baseline: Totals | null): SpecBenchRow {
  const rate = t.decodeMs > 0 ? (t.decodeTokens / t.decodeMs) * 1000 : null;
  const pairs = baseline ? [...t.byProblem].flatMap(([i, arm]) => (baseline.byProblem.has(i) ? [{ arm, base: baseline.byProblem.get(i)! }] : [])) : [];
  const speculative = t.rounds > 0;
  return {
    key,
    label,
    runs: t.runs,
    failures: t.failures,
    newTokens: t.newTokens,
    decodeTokensPerS: rate,
    speedup: specBenchSpeedup(pairs),
    decodeSpeedup: decodeSpeedup(pairs),
    meanAcceptanceLength: speculative ? 1 + t.accepted / t.rounds : null,
    perPositionAcceptance: speculative ? Array.from({ length: 6 }, (_, i) => (t.acceptedAt[i] ?? 0) / t.rounds) : [],
    draftAcceptanceRate: t.drafted > 0 ? t.accepted / t.drafted : null,
    targetPassesPerToken: t.newTokens > 0 ? t.targetPasses / t.newTokens : null,
    draftShare: speculative && t.decodeMs > 0 ? t.draftMs / t.decodeMs : null,
    perRound: speculative ? { draftMs: t.draftMs / t.rounds, verifyMs: t.verifyMs / t.rounds, overheadMs: Math.max(0, t.decodeMs - t.draftMs - t.verifyMs) / t.rounds } : null,
    identical: t.identical,
  };
}

const fmt = (x: number | null, digits = 2) => (x === null ? '-' : x.toFixed(digits));

/** The result's Markdown table, one row per method (the baseline first). */
export function specBenchTable(rows: readonly SpecBenchRow[], problems: number): string {
  const lines = [
    '| method | speedup (Spec-Bench, wall) | decode-only speedup | decode tok/s | mean acc. length | per-position acceptance 1-6 | target passes / token | draft share | draft / verify / other ms per round | identical to baseline |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const perPos = r.perPositionAcceptance.length > 0 ? r.perPositionAcceptance.map((x) => x.toFixed(2)).join(' ') : '-';
    const perRound = r.perRound ? `${r.perRound.draftMs.toFixed(2)} / ${r.perRound.verifyMs.toFixed(2)} / ${r.perRound.overheadMs.toFixed(2)}` : '-';
    const failed = r.failures.length > 0 ? ` (${r.failures.length} failed)` : '';
    lines.push(
      `| ${r.label}${failed} | ${fmt(r.speedup)}x | ${fmt(r.decodeSpeedup)}x | ${fmt(r.decodeTokensPerS, 0)} | ${fmt(r.meanAcceptanceLength)} | ${perPos} | ${fmt(r.targetPassesPerToken)} | ${r.draftShare === null ? '-' : `${(r.draftShare * 100).toFixed(0)}%`} | ${perRound} | ${r.identical}/${problems} |`,
    );
  }
  return lines.join('\n');
}

/**
 * Runs the speculative-decoding benchmark and prints a Markdown table through `out`. Greedy decoding,
 * so every lossless method must reproduce the baseline's ids (the "identical" column).
 */
export async function runSpecBench(opts: SpecBenchOptions): Promise<SpecBenchResult> {
  const out = opts.out ?? (() => {});
  const seed = opts.seed ?? 2024;
  const draftProvider = opts.draftProvider ?? 'cpu';
  const modelsDir = opts.modelsDir ?? findModelsDir();
  const models = { base: path.join(modelsDir, 'base'), draft: path.join(modelsDir, 'draft') };
  const target = { model: 'base', provider: opts.provider };
  const draft = { model: 'draft', provider: draftProvider };
  const chosen = specBenchMethods.filter((m) => !opts.methods || opts.methods.includes(m.key));
  const methods: BenchMethod[] = [{ key: 'baseline', label: 'autoregressive (baseline)', config: (t) => ({ method: 'autoregressive', models: { model: t } }) }, ...chosen];
  const problems = benchProblems(opts.problems, seed);
  const sampling = { temperature: 0, maxNewTokens: opts.maxNewTokens, topLogprobs: 0 };
  const engine = new CollectingEngine();
  const device = `${os.cpus().length} CPU cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), target on ${opts.provider}, draft on ${draftProvider}`;

  const runOne = (m: BenchMethod, question: string, maxNewTokens = opts.maxNewTokens) =>
    engine.run({ prompt: { kind: 'text', text: question }, config: { ...m.config(target, draft), sampling: { ...sampling, maxNewTokens } } }, models);

  // Warm-up: sessions created, graphs optimised, exit graphs loaded, caches allocated once.
  const warmup = benchProblems(1, seed + 1)[0]!;
  for (const m of methods) await runOne(m, warmup.question, 32);

  const totals = new Map(methods.map((m) => [m.key, emptyTotals()]));
  for (const [index, problem] of problems.entries()) {
    // Prime both prefix pools with this prompt, so every method's prefill reuses it alike.
    await runOne(methods[0]!, problem.question, 1);
    await engine.run({ prompt: { kind: 'text', text: problem.question }, config: { method: 'autoregressive', models: { model: draft }, sampling: { ...sampling, maxNewTokens: 1 } } }, models);
    const baselineRun = await runOne(methods[0]!, problem.question);
    const order = methods.slice(1).map((_, i, rest) => rest[(i + index) % rest.length]!);
    const results = new Map([[methods[0]!.key, baselineRun]]);
    for (const m of order) results.set(m.key, await runOne(m, problem.question));
    for (const m of methods) {
      const r = results.get(m.key)!;
      const t = totals.get(m.key)!;
      if (r.finished.status !== 'completed' || !r.finished.metrics) {
        t.failures.push(`${problem.id}: ${r.finished.error?.message ?? r.finished.status}`);
        continue;
      }
      addRun(t, r.finished.metrics, index);
      if (r.ids.length === baselineRun.ids.length && r.ids.every((id, i) => id === baselineRun.ids[i])) t.identical++;
    }
  }

  const baseline = totals.get('baseline')!;
  const rows = methods.map((m) => toRow(m.key, greedyLabel(m), totals.get(m.key)!, baseline));
  const table = specBenchTable(rows, problems.length);
  out(`Speculative decoding on the embedded models: target base (${opts.provider}), draft draft (${draftProvider}); ${device}.`);
  out(`${problems.length} test-split problems (families ${FAMILIES.join('/')}, difficulties ${DIFFICULTIES.join('-')}, seed ${seed}), greedy, up to ${opts.maxNewTokens} new tokens; warm-up first, methods interleaved per problem.`);
  out('');
  out(table);
  for (const r of rows) for (const f of r.failures) out(`- ${r.label} failed on ${f}`);
  return {
    device,
    provider: opts.provider,
    draftProvider,
    maxNewTokens: opts.maxNewTokens,
    seed,
    problems: problems.map((p) => ({ id: p.id, family: p.family, difficulty: p.difficulty })),
    rows,
    table,
  };
}
