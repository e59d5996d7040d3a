// "Compare methods on the same prompt": which stored runs share a run's prompt, which of them is the
// autoregressive baseline of the same target model, and the comparison rows (mean acceptance length,
// throughput, speedup vs that baseline by app/analysis/speedup: Spec-Bench's wall-time tokens/s
// ratio, and the decode-only ratio as a second, labelled figure).
import type { MethodConfig } from '@app/methods';
import { decodeSpeedup, specBenchSpeedup, wallTokensPerS } from '@app/analysis/speedup';
import { methodLabel, primaryModelOf } from '@app/methods';
import type { Prompt, RunMetrics, RunSummary } from '@app/runs';
import { formatTime } from '../../ui/date-format';

/** The text a prompt is searched by: the text itself, or a chat's last user message. */
export function promptSearchText(prompt: Prompt): string {
  if (prompt.kind === 'chat') {
    const user = prompt.messages.findLast((m) => m.role === 'user');
    return (user ?? prompt.messages[0]!).content;
  }
  return prompt.text;
}

/** A search string that the Runs list's substring search will match against the preview. */
export function searchKey(prompt: Prompt): string {
  return promptSearchText(prompt).replace(/\s+/g, ' ').trim().slice(0, 48);
}

/** Whether two prompts are the same (kind and content). */
export function samePrompt(a: Prompt, b: Prompt): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Whether a summary's preview is consistent with the prompt (a cheap filter before fetching records). */
export function previewMatches(summary: Pick<RunSummary, 'promptPreview'>, prompt: Prompt): boolean {
  const full = promptSearchText(prompt).replace(/\s+/g, ' ').trim();
  const preview = summary.promptPreview.replace(/…$/, '').trim();
  return preview.length > 0 && full.startsWith(preview);
}

export interface CompareRun {
  id: string;
  method: string;
  models: string[];
  configLabel: string | null;
  createdAt: string;
  metrics: RunMetrics | null;
}

export interface CompareRow {
  id: string;
  label: string;
  method: string;
  meanAcceptanceLength: number | null;
  tokensPerS: number | null;
  decodeTokensPerS: number | null;
  /** Spec-Bench's speedup over the baseline (wall time, prefill included); null without a baseline. */
  speedup: number | null;
  /** Decode-only speedup over the baseline; null without a baseline. */
  decodeSpeedup: number | null;
  /** Meaning of the figures is off: a model ran cold in this run. */
  cold: boolean;
  /** The run ended with no tokens: why (stop reason or status). */
  emptyReason: string | null;
  isCurrent: boolean;
  isBaseline: boolean;
}

/** End-to-end tokens per second of a run (Spec-Bench's count: an emitted end-of-turn included). */
export function tokensPerSecond(m: RunMetrics | null): number | null {
  if (!m || m.totalMs <= 0) return null;
  return wallTokensPerS(m);
}

/** The latest completed autoregressive run of `modelId` among the candidates. */
export function autoregressiveBaseline<T extends CompareRun>(runs: readonly T[], modelId: string): T | null {
  let best: T | null = null;
  for (const r of runs) {
    if (r.method !== 'autoregressive' || r.models[0] !== modelId || !r.metrics) continue;
    if (!best || r.createdAt > best.createdAt) best = r;
  }
  return best;
}

/** Human label of a run in the comparison. */
export function runLabel(r: Pick<CompareRun, 'method' | 'models' | 'configLabel'>): string {
  const name = methodLabel(r.method);
  return r.configLabel ? `${name} · ${r.configLabel}` : `${name} (${r.models.join(' + ')})`;
}

/** Labels for a list of runs, made unique by the run's creation time where two would read the same. */
export function uniqueLabels(runs: readonly Pick<CompareRun, 'id' | 'method' | 'models' | 'configLabel' | 'createdAt'>[]): Map<string, string> {
  const counts = new Map<string, number>();
  for (const r of runs) counts.set(runLabel(r), (counts.get(runLabel(r)) ?? 0) + 1);
  const out = new Map<string, string>();
  for (const r of runs) {
    const base = runLabel(r);
    out.set(r.id, (counts.get(base) ?? 0) > 1 ? `${base} · ${formatTime(r.createdAt)}` : base);
  }
  return out;
}

/** The comparison table: the current run first, then the picked runs, then the baseline if not picked. */
export function compareRows(current: CompareRun, picked: readonly CompareRun[], baseline: CompareRun | null): CompareRow[] {
  const all = [current, ...picked.filter((p) => p.id !== current.id)];
  if (baseline && !all.some((r) => r.id === baseline.id)) all.push(baseline);
  const labels = uniqueLabels(all);
  return all.map((r) => {
    const tps = tokensPerSecond(r.metrics);
    return {
      id: r.id,
      label: labels.get(r.id)!,
      method: r.method,
      meanAcceptanceLength: r.metrics?.meanAcceptanceLength ?? (r.method === 'autoregressive' && r.metrics ? 1 : null),
      tokensPerS: tps,
      decodeTokensPerS: r.metrics?.decodeTokensPerS ?? null,
      speedup: baseline?.metrics && r.metrics ? specBenchSpeedup([{ arm: r.metrics, base: baseline.metrics }]) : null,
      decodeSpeedup: baseline?.metrics && r.metrics ? decodeSpeedup([{ arm: r.metrics, base: baseline.metrics }]) : null,
      cold: r.metrics?.coldStart === true,
      emptyReason: r.metrics && r.metrics.newTokens === 0 ? (r.metrics.stopReason ?? 'no stop reason recorded') : null,
      isCurrent: r.id === current.id,
      isBaseline: baseline !== null && r.id === baseline.id,
    };
  });
}

/** The model id whose autoregressive run is the baseline for a config. */
export function baselineModelOf(config: MethodConfig): string {
  return primaryModelOf(config).model;
}
