// The reasoning-methods benchmark on the embedded models, over the held-out test split of the task
// suite (seeded): (a) the EAD frontier, a tau sweep between the small and the large model alone;
// (b) SpecReason (threshold 7 greedy, average scoring, +Decode) against both models alone; (c) RICE,
// calibrated on the train split, steered against unsteered. Every problem runs every configuration
// back to back (after one warm-up problem), so that load on the machine hits all of them alike.
// Prints Markdown tables through `out` and returns the numbers.
import os from 'node:os';
import type { TaskFamily } from '@app/datasets';
import type { Provider } from '@app/models';
import type { Problem } from '@app/tasks';
import { generateSuite, gradeOutput, gradingSpecFor } from '@app/tasks';
import type { RiceCalibration } from '../engine/functions/rice-calibrate';
import { riceCalibrate } from '../engine/functions/rice-calibrate';
import { ModelLoader } from '../engine/model-loader';
import type { CollectedRun } from '../engine/in-process';
import { CollectingEngine, EMBEDDED_MODELS } from '../engine/in-process';

export interface ReasoningBenchOptions {
  provider: Provider;
  problemsPerCell: number;
  difficulties?: number[];
  families?: TaskFamily[];
  out?: (line: string) => void;
  /** Suite seed (default 2026). */
  seed?: number;
  /** Include the RICE section (calibration + steered runs on the moe model; default true). */
  rice?: boolean;
  /**
   * Where the small model runs (default cpu: on the GPU a pass of a model this small costs about as
   * much as the large one's, so a small model belongs on the CPU, as the speculative bench's draft).
   */
  smallProvider?: Provider;
  /** Run only the RICE section (needs only the moe model; where the others cannot travel with it). */
  onlyRice?: boolean;
  /** Train problems per cell for the RICE calibration (default 4). */
  calibrationPerCell?: number;
  /** Run every configuration once on the first problem before measuring (default true). */
  warmup?: boolean;
  /**
   * Runs per (problem, configuration), interleaved; the fastest one counts (default 1). Greedy runs
   * repeat exactly, so only the time differs: the minimum filters out other load on the machine.
   */
  repeats?: number;
}

/** Aggregates of one configuration over the problems. */
export interface BenchRow {
  label: string;
  problems: number;
  correct: number;
  accuracy: number;
  /** Mean wall time per problem (ms), the engine's totalMs. */
  meanMs: number;
  /** Sum of the large-alone run times / sum of this configuration's (same problems, interleaved). */
  speedupVsLarge: number;
  meanNewTokens: number;
  /** Mean sequential forward passes of the large (target) and small (draft) model per problem. */
  largePasses: number;
  smallPasses: number;
}

export interface EadRow extends BenchRow {
  tau: number | null;
  /** Accuracy as a share of the large model's. */
  accuracyVsLarge: number;
  largeShare: number;
  paramWeightedCost: number;
  switches: number;
}

export interface SpecReasonRow extends BenchRow {
  /** Accuracy minus the large model's, in points. */
  accuracyDeltaPoints: number;
  stepsAcceptedShare: number | null;
  largeShare: number;
  paramWeightedCost: number;
  judgeMsShare: number | null;
}

export interface RiceRow extends BenchRow {
  form: string | null;
  beta: number | null;
  thinkingTokens: number;
  /** Share of (generated token, chosen expert) pairs where the token was routed to that expert. */
  chosenRouting: number;
}

export interface ReasoningBenchResult {
  provider: Provider;
  problems: number;
  families: TaskFamily[];
  difficulties: number[];
  taus: number[];
  ead: EadRow[];
  specreason: SpecReasonRow[];
  rice: { calibration: RiceCalibration; rows: RiceRow[] } | null;
}

/** A bench config's method parameters. */
function params(c: Config): Record<string, unknown> {
  return (c.config.params ?? {}) as Record<string, unknown>;
}

interface Config {
  key: string;
  label: string;
  config: Record<string, unknown>;
}

const EAD_WINDOW = 8;
/** Quantiles of the small model's rolling entropy that the tau sweep sits at (plus tau = 0). */
const TAU_QUANTILES = [0.2, 0.4, 0.6, 0.8, 0.9, 0.97];

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[i]!;
}

/** Rolling means (window w) of a run's per-token entropies, as EAD computes them. */
function rollingMeans(entropies: number[], w: number): number[] {
  return entropies.map((_, i) => {
    const win = entropies.slice(Math.max(0, i - w + 1), i + 1);
    return win.reduce((a, b) => a + b, 0) / win.length;
  });
}

function fmt(x: number | null, digits = 2): string {
  if (x === null || !Number.isFinite(x)) return '-';
  return x.toFixed(digits);
}

function pct(x: number | null): string {
  return x === null ? '-' : `${(100 * x).toFixed(1)}%`;
}

function table(out: (line: string) => void, header: string[], rows: string[][]): void {
  out(`| ${header.join(' | ')} |`);
  out(`|${header.map(() => '---').join('|')}|`);
  for (const r of rows) out(`| ${r.join(' | ')} |`);
  out('');
}

/** Runs the benchmark; see the module comment. */
export async function runReasoningBench(opts: ReasoningBenchOptions): Promise<ReasoningBenchResult> {
  const out = opts.out ?? (() => undefined);
  const families = opts.families ?? ['arithmetic', 'variables'];
  const difficulties = opts.difficulties ?? [3, 4, 5, 6];
  const seed = opts.seed ?? 2026;
  const provider = opts.provider;
  const problems = generateSuite({ families, difficulties, countPerCell: opts.problemsPerCell, seed, split: 'test' });
  const loader = new ModelLoader();
  const ce = new CollectingEngine(loader);
  const ref = (model: string) => ({ model, provider });
  const smallProvider = opts.smallProvider ?? 'cpu';
  const small = { model: 'draft', provider: smallProvider };
  const run = (p: Problem, config: Record<string, unknown>) => ce.run({ prompt: { kind: 'text', text: p.question }, config: { sampling: { maxNewTokens: 256, topLogprobs: 0 }, ...config } });

  // (c) first: calibrate RICE on the train split, so its steered runs can join the interleaved loop.
  const calibrationItems = generateSuite({ families, difficulties, countPerCell: opts.calibrationPerCell ?? 4, seed, split: 'train' });
  const withRice = opts.rice ?? true;
  const core = !opts.onlyRice;
  if (!core && !withRice) throw new Error('onlyRice with rice off leaves nothing to run');
  const calibration = withRice
    ? await riceCalibrate(ce.engine, loader, { model: ref('moe'), datasetId: 'bench-train', items: calibrationItems.map((p) => ({ question: p.question })), itemLimit: calibrationItems.length }, EMBEDDED_MODELS)
    : null;
  const chosen = calibration?.top.map(({ layer, expert }) => ({ layer, expert })) ?? [];

  // The tau sweep sits at quantiles of the small model's rolling entropy on these problems.
  const smallFirst: CollectedRun[] = [];
  if (core) for (const p of problems) smallFirst.push(await run(p, { method: 'autoregressive', models: { model: small } }));
  const rolling = smallFirst.flatMap((r) => rollingMeans(r.tokens.map((t) => t.entropy), EAD_WINDOW)).sort((a, b) => a - b);
  const taus = core ? [...new Set([0, ...TAU_QUANTILES.map((q) => Number(quantile(rolling, q).toPrecision(2)))])].sort((a, b) => a - b) : [];

  const pair = { small, large: ref('base') };
  const coreConfigs: Config[] = [
    { key: 'small', label: 'small alone (draft)', config: { method: 'autoregressive', models: { model: small } } },
    { key: 'large', label: 'large alone (base)', config: { method: 'autoregressive', models: { model: ref('base') } } },
    ...taus.map((tau) => ({ key: `ead:${tau}`, label: `EAD tau=${tau}`, config: { method: 'ead', models: pair, params: { tau, entropyUnit: 'nats', window: EAD_WINDOW } } })),
    { key: 'sr', label: 'SpecReason t=7 greedy', config: { method: 'specreason', models: pair, params: { threshold: 7, scoreMethod: 'greedy' } } },
    { key: 'sr-avg', label: 'SpecReason t=7 average', config: { method: 'specreason', models: pair, params: { threshold: 7, scoreMethod: 'average' } } },
    { key: 'sr-decode', label: 'SpecReason+Decode t=7 (gamma 4)', config: { method: 'specreason', models: pair, params: { threshold: 7, largeUsesSpeculation: true, gamma: 4 } } },
    { key: 'sr-close', label: 'SpecReason t=7, closing step by large', config: { method: 'specreason', models: pair, params: { threshold: 7, closingStep: 'large' } } },
    { key: 'sr-decode-close', label: 'SpecReason+Decode t=7, closing step by large', config: { method: 'specreason', models: pair, params: { threshold: 7, largeUsesSpeculation: true, gamma: 4, closingStep: 'large' } } },
  ];
  const configs: Config[] = [
    ...(core ? coreConfigs : []),
    ...(withRice
      ? [
          // beta = 1 is the unsteered model token for token (rice.test.ts) and records the routing too.
          { key: 'moe', label: 'moe unsteered', config: { method: 'rice', models: { model: ref('moe') }, params: { experts: chosen, form: 'logit', beta: 1 } } },
          ...(['logit', 'gate', 'gate_renorm'] as const).flatMap((form) =>
            [4, 64].map((beta) => ({ key: `rice:${form}:${beta}`, label: `RICE ${form} beta=${beta}`, config: { method: 'rice', models: { model: ref('moe') }, params: { experts: chosen, form, beta } } })),
          ),
        ]
      : []),
  ];

  if (opts.warmup ?? true) for (const c of configs) await run(problems[0]!, c.config);
  const runs = new Map<string, CollectedRun[]>(configs.map((c) => [c.key, []]));
  const repeats = Math.max(1, opts.repeats ?? 1);
  const load = os.loadavg()[0]!;
  for (const p of problems) {
    const best = new Map<string, CollectedRun>();
    for (let rep = 0; rep < repeats; rep++) {
      for (const c of configs) {
        const r = await run(p, c.config);
        const prev = best.get(c.key);
        if (!prev || (r.finished.metrics?.totalMs ?? Infinity) < (prev.finished.metrics?.totalMs ?? Infinity)) best.set(c.key, r);
      }
    }
    for (const c of configs) runs.get(c.key)!.push(best.get(c.key)!);
  }

  const correctOf = (r: CollectedRun, p: Problem) => gradeOutput(r.finished.output, p.answer, gradingSpecFor(p.answerKind)).correct;
  const mean = (xs: number[]) => (xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const metric = (list: CollectedRun[], f: (r: CollectedRun) => number | undefined) => mean(list.map((r) => f(r) ?? 0));
  const totalMs = (list: CollectedRun[]) => list.reduce((s, r) => s + (r.finished.metrics?.totalMs ?? 0), 0);
  const largeMs = core ? totalMs(runs.get('large')!) : 0;
  const row = (c: Config): BenchRow => {
    const list = runs.get(c.key)!;
    const failed = list.find((r) => r.finished.status !== 'completed');
    if (failed) throw new Error(`${c.label} failed: ${failed.finished.error?.message ?? failed.finished.status}`);
    const correct = list.filter((r, i) => correctOf(r, problems[i]!)).length;
    const m = (r: CollectedRun) => r.finished.metrics;
    const alone = c.key === 'small';
    return {
      label: c.label,
      problems: list.length,
      correct,
      accuracy: correct / list.length,
      meanMs: totalMs(list) / list.length,
      speedupVsLarge: largeMs / totalMs(list),
      meanNewTokens: metric(list, (r) => m(r)?.newTokens),
      largePasses: alone ? 0 : metric(list, (r) => m(r)?.targetForwardPasses),
      smallPasses: alone ? metric(list, (r) => m(r)?.targetForwardPasses) : metric(list, (r) => m(r)?.draftForwardPasses),
    };
  };
  const byKey = new Map(configs.map((c) => [c.key, c]));
  out(`## Reasoning methods on the embedded models (${provider}, small model on ${smallProvider}; ${problems.length} test problems: ${families.join('+')} at difficulties ${difficulties.join(',')}, ${opts.problemsPerCell} per cell, seed ${seed})`);
  out('');
  out(`Latency: the engine's totalMs per problem, fastest of ${repeats} interleaved run(s); ${os.cpus().length} CPU cores, load average ${load.toFixed(1)} at the start and ${os.loadavg()[0]!.toFixed(1)} at the end.`);
  out('');
  // (a) and (b) need the small and large models; onlyRice runs without them.
  const coreTables = (): { ead: EadRow[]; specreason: SpecReasonRow[] } => {
    const large = row(byKey.get('large')!);

    // (a) EAD frontier
    const eadOf = (c: Config, tau: number | null, share: number, cost: number): EadRow => {
      const r = row(c);
      const list = runs.get(c.key)!;
      return { ...r, tau, accuracyVsLarge: large.accuracy > 0 ? r.accuracy / large.accuracy : 0, largeShare: share, paramWeightedCost: cost, switches: metric(list, (x) => x.finished.metrics?.switches) };
    };
    const sumTokens = (list: CollectedRun[], f: (r: CollectedRun) => number) => list.reduce((s, r) => s + f(r), 0);
    const ead: EadRow[] = [
      eadOf(byKey.get('small')!, null, 0, EMBEDDED_PARAMS.small / EMBEDDED_PARAMS.large),
      ...taus.map((tau) => {
        const list = runs.get(`ead:${tau}`)!;
        // Token-weighted over all problems, like the paper's utilisation.
        const tokens = sumTokens(list, (r) => r.tokens.length);
        const largeTokens = sumTokens(list, (r) => r.tokens.filter((t) => t.source === 'large').length);
        const share = tokens > 0 ? largeTokens / tokens : 0;
        // Measured: positions each model computed (catch-ups and both prefills included), not tokens.
        return eadOf(byKey.get(`ead:${tau}`)!, tau, share, metric(list, (x) => x.finished.metrics?.paramWeightedCost));
      }),
      eadOf(byKey.get('large')!, null, 1, 1),
    ];
    out(`### (a) EAD frontier (window ${EAD_WINDOW}, entropy of the generating model; tau at quantiles of the small model's rolling entropy)`);
    out('');
    table(
      out,
      ['config', 'accuracy', '% of large acc.', 'large share (tokens)', 'param-weighted cost', 'switches/problem', 'mean latency ms', 'speedup vs large', 'large passes/problem'],
      ead.map((r) => [r.label, pct(r.accuracy), pct(r.accuracyVsLarge), pct(r.largeShare), fmt(r.paramWeightedCost, 3), fmt(r.switches, 1), fmt(r.meanMs, 1), `${fmt(r.speedupVsLarge)}x`, fmt(r.largePasses, 1)]),
    );

    // (b) SpecReason
    const specOf = (c: Config): SpecReasonRow => {
      const r = row(c);
      const list = runs.get(c.key)!;
      const sr = c.config.method === 'specreason';
      const steps = sr ? list.reduce((s, x) => s + (x.finished.metrics?.steps ?? 0), 0) : 0;
      const acc = sr ? list.reduce((s, x) => s + (x.finished.metrics?.stepsAccepted ?? 0), 0) : 0;
      const judge = sr ? list.reduce((s, x) => s + (x.finished.metrics?.judgeMs ?? 0), 0) : 0;
      const tokens = sumTokens(list, (x) => x.tokens.length);
      const largeTokens = sumTokens(list, (x) => x.tokens.filter((t) => t.source === 'large' || (c.key === 'large' && t.source === 'target')).length);
      return {
        ...r,
        accuracyDeltaPoints: 100 * (r.accuracy - large.accuracy),
        stepsAcceptedShare: sr && steps > 0 ? acc / steps : null,
        largeShare: tokens > 0 ? largeTokens / tokens : 0,
        // Positions computed, judge passes' full conversations included (RunMetrics.paramWeightedCost).
        paramWeightedCost: sr ? metric(list, (x) => x.finished.metrics?.paramWeightedCost) : c.key === 'large' ? 1 : EMBEDDED_PARAMS.small / EMBEDDED_PARAMS.large,
        judgeMsShare: sr ? judge / totalMs(list) : null,
      };
    };
    const specreason = ['small', 'large', 'sr', 'sr-avg', 'sr-decode', 'sr-close', 'sr-decode-close'].map((k) => specOf(byKey.get(k)!));
    out('### (b) SpecReason vs each model alone (small = draft 0.16M, large/judge = base 2.8M)');
    out('');
    table(
      out,
      ['config', 'accuracy', 'Δ vs large (points)', 'mean latency ms', 'speedup vs large', 'steps accepted', 'large share (tokens)', 'judge time share', 'large passes/problem', 'small passes/problem', 'param-weighted cost'],
      specreason.map((r) => [
        r.label,
        pct(r.accuracy),
        fmt(r.accuracyDeltaPoints, 1),
        fmt(r.meanMs, 1),
        `${fmt(r.speedupVsLarge)}x`,
        pct(r.stepsAcceptedShare),
        pct(r.largeShare),
        pct(r.judgeMsShare),
        fmt(r.largePasses, 1),
        fmt(r.smallPasses, 1),
        fmt(r.paramWeightedCost, 3),
      ]),
    );

    return { ead, specreason };
  };
  const { ead, specreason } = core ? coreTables() : { ead: [], specreason: [] };

  // (c) RICE
  const chosenShare = (list: CollectedRun[]): number => {
    let hits = 0;
    let total = 0;
    for (const r of list) {
      for (const t of r.tokens) {
        if (!t.experts) continue;
        for (const { layer, expert } of chosen) {
          total++;
          if (t.experts[layer]?.includes(expert)) hits++;
        }
      }
    }
    return total > 0 ? hits / total : 0;
  };
  const riceOf = (c: Config): RiceRow => {
    const list = runs.get(c.key)!;
    const steered = c.key !== 'moe';
    return {
      ...row(c),
      form: steered ? String(params(c).form) : null,
      beta: steered ? Number(params(c).beta) : null,
      thinkingTokens: metric(list, (x) => x.finished.metrics?.thinkingTokens),
      chosenRouting: chosenShare(list),
    };
  };
  const riceRows = configs.filter((c) => c.config.method === 'rice').map(riceOf);
  if (calibration) {
    out(`### (c) RICE on the MoE model (calibrated on ${calibrationItems.length} train problems, ${calibration.tokens} tokens; markers ${calibration.markers.join(' ')}; reinforced ${calibration.top.map((t) => `L${t.layer}/E${t.expert} (nPMI ${t.npmi.toFixed(3)})`).join(', ')})`);
    out('');
    table(
      out,
      ['config', 'accuracy', 'mean thinking tokens', 'mean new tokens', 'chosen-expert routing', 'mean latency ms'],
      riceRows.map((r) => [r.label, pct(r.accuracy), fmt(r.thinkingTokens, 1), fmt(r.meanNewTokens, 1), pct(r.chosenRouting), fmt(r.meanMs, 1)]),
    );
  }
  return { provider, problems: problems.length, families, difficulties, taus, ead, specreason, rice: calibration ? { calibration, rows: riceRows } : null };
}

/** Parameter counts of the embedded draft and base models (their workbench.json), for the endpoints' cost. */
/** Parameters of the embedded small (draft) and large (base) models. */
export const EMBEDDED_PARAMS = { small: 155968, large: 2804160 };
