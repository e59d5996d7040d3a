// Which run metrics the stats cards show, in what order, with labels, formats and help. The core
// speed figures always show; method metrics only when the run has them, the method's own first in
// the order its descriptor lists them.
import { descriptorOf, isMethodName } from '@app/methods';
import { defineFigure } from '@app/metric-definitions';
import type { RunMetrics } from '@app/runs';
import { formatCount, formatMs, formatNumber, formatRate, formatShare } from './format';

export interface MetricDef {
  key: keyof RunMetrics;
  label: string;
  help: string;
  format: (value: number) => string;
  /** Always shown (as "–" when absent). */
  core?: boolean;
}

export const metricDefs: MetricDef[] = [
  { key: 'ttftMs', label: 'TTFT', help: defineFigure('ttftMs'), format: formatMs, core: true },
  { key: 'prefillTokensPerS', label: 'Prefill', help: defineFigure('prefillTokensPerS'), format: (v) => formatRate(v), core: true },
  { key: 'decodeTokensPerS', label: 'Decode', help: defineFigure('decodeTokensPerS'), format: (v) => formatRate(v), core: true },
  { key: 'prefillMs', label: 'Prefill time', help: defineFigure('prefillMs'), format: formatMs },
  { key: 'decodeMs', label: 'Decode time', help: defineFigure('decodeMs'), format: formatMs },
  { key: 'warmupMs', label: 'Warm-up (untimed)', help: defineFigure('warmupMs'), format: formatMs },
  { key: 'newTokens', label: 'New tokens', help: 'Tokens generated', format: formatCount, core: true },
  { key: 'promptTokens', label: 'Prompt tokens', help: 'Tokens of the rendered prompt', format: formatCount, core: true },
  { key: 'totalMs', label: 'Total', help: defineFigure('totalMs'), format: formatMs, core: true },
  { key: 'meanAcceptanceLength', label: 'Mean acceptance length', help: defineFigure('meanAcceptanceLength'), format: (v) => formatNumber(v, 2) },
  { key: 'draftAcceptanceRate', label: 'Draft acceptance rate', help: defineFigure('draftAcceptanceRate'), format: formatShare },
  { key: 'rounds', label: 'Rounds', help: 'Draft-verify rounds', format: formatCount },
  { key: 'draftTokens', label: 'Draft tokens', help: 'Tokens proposed by the draft', format: formatCount },
  { key: 'acceptedTokens', label: 'Accepted tokens', help: 'Draft tokens the target accepted', format: formatCount },
  { key: 'draftMs', label: 'Draft time', help: 'Drafting time over all rounds', format: formatMs },
  { key: 'verifyMs', label: 'Verify time', help: 'Verification time over all rounds', format: formatMs },
  { key: 'largeShare', label: 'Large share', help: defineFigure('largeShare'), format: formatShare },
  { key: 'paramWeightedCost', label: 'Param-weighted cost', help: defineFigure('paramWeightedCost'), format: (v) => formatNumber(v, 3) },
  { key: 'switches', label: 'Switches', help: 'Model switches (EAD)', format: formatCount },
  { key: 'steps', label: 'Steps', help: 'Reasoning steps (SpecReason)', format: formatCount },
  { key: 'stepsAccepted', label: 'Steps accepted', help: "Small-model steps the judge accepted", format: formatCount },
  { key: 'judgeMs', label: 'Judge time', help: 'Time spent scoring steps', format: formatMs },
  { key: 'thinkingTokens', label: 'Thinking tokens', help: 'Tokens between the thinking markers (RICE)', format: formatCount },
  // particle filtering, A*-decoding (branch search)
  { key: 'prmCalls', label: 'PRM calls', help: 'Judge passes scoring steps as a process reward model', format: formatCount },
  { key: 'sampledTokens', label: 'Sampled tokens', help: 'Tokens written by every particle or candidate, kept or not (the search\'s compute)', format: formatCount },
  { key: 'resamplings', label: 'Resamplings', help: 'Particle-filtering resampling rounds', format: formatCount },
  { key: 'expansions', label: 'Expansions', help: 'A* nodes expanded', format: formatCount },
  { key: 'samples', label: 'Samples', help: 'Samples drawn (repeated sampling)', format: formatCount },
  { key: 'sampleTokens', label: 'Sample tokens', help: 'Tokens generated across all samples (repeated sampling)', format: formatCount },
  { key: 'selectedSample', label: 'Selected sample', help: 'Index of the sample whose text is the output (repeated sampling)', format: formatCount },
  { key: 'targetForwardPasses', label: 'Target passes', help: 'Forward passes of the target / large model (prefill included)', format: formatCount },
  { key: 'draftForwardPasses', label: 'Draft passes', help: 'Forward passes of the draft model', format: formatCount },
];

const byKey = new Map(metricDefs.map((d) => [d.key, d]));

/** The cards for a run of `method`: core figures, the method's metrics (its descriptor's order), then any other. */
export function metricDefsFor(method: string | null | undefined): MetricDef[] {
  const own = method && isMethodName(method) ? descriptorOf(method).metrics : [];
  const ordered = own.flatMap((k) => byKey.get(k) ?? []).filter((d) => !d.core);
  return [...metricDefs.filter((d) => d.core), ...ordered, ...metricDefs.filter((d) => !d.core && !own.includes(d.key))];
}
