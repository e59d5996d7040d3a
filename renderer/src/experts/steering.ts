// RICE steering requests and their comparison: the steered config and its unsteered twin (the same
// RICE config at beta = 1, which every form treats as the identity, so both record the reasoning
// length the same way), the steered-vs-unsteered experiment spec, and per-arm accuracy and mean
// thinking tokens from the experiment's runs.
import type { ExperimentSpec } from '@app/experiments';
import type { ExpertId, MethodConfigOf } from '@app/methods';
import type { ModelRef } from '@app/models';
import type { RunSummary } from '@app/runs';
import { defaultSampling } from '@app/sampling';

/** Arm / run labels of the comparison. */
export const STEERED = 'steered';
export const UNSTEERED = 'unsteered (β = 1)';
/** Arm ids of the comparison experiment. */
export const STEERED_ARM = 'steered';
export const UNSTEERED_ARM = 'unsteered';

export type SteeringForm = MethodConfigOf<'rice'>['params']['form'];

export interface SteeringRequest {
  model: ModelRef;
  experts: readonly ExpertId[];
  beta: number;
  form: SteeringForm;
}

/** The steered RICE config and its unsteered twin. */
export function steeringConfigs(r: SteeringRequest): { steered: MethodConfigOf<'rice'>; unsteered: MethodConfigOf<'rice'> } {
  const params = { experts: r.experts.map((e) => ({ layer: e.layer, expert: e.expert })), topExperts: Math.max(1, Math.min(16, r.experts.length)), form: r.form };
  const base = { method: 'rice' as const, models: { model: r.model }, sampling: { ...defaultSampling } };
  return { steered: { ...base, params: { ...params, beta: r.beta } }, unsteered: { ...base, params: { ...params, beta: 1 } } };
}

/** Steered vs unsteered on the first `itemLimit` items of a dataset (the unsteered arm is the baseline). */
export function steeringExperimentSpec(r: SteeringRequest & { datasetId: string; itemLimit?: number; name?: string }): ExperimentSpec {
  const { steered, unsteered } = steeringConfigs(r);
  const experts = r.experts.map((e) => `L${e.layer}/E${e.expert}`).join(', ');
  return {
    name: r.name ?? `RICE ${r.form} β=${r.beta} on ${experts}`,
    datasetId: r.datasetId,
    ...(r.itemLimit ? { itemLimit: r.itemLimit } : {}),
    arms: [
      { id: STEERED_ARM, label: STEERED, config: steered, baseline: false },
      { id: UNSTEERED_ARM, label: UNSTEERED, config: unsteered, baseline: true },
    ],
    samplesPerItem: 1,
    baseSeed: 0,
  };
}

export interface ArmStats {
  arm: string;
  runs: number;
  graded: number;
  accuracy: number | null;
  meanThinkingTokens: number | null;
  meanNewTokens: number | null;
}

function mean(values: number[]): number | null {
  return values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

/** Accuracy and mean reasoning length per arm (matched by the arm id its runs recorded) over completed runs, in `arms` order. */
export function armStats(runs: readonly Pick<RunSummary, 'armId' | 'status' | 'correct' | 'metrics'>[], arms: readonly { id: string; label: string }[]): ArmStats[] {
  return arms.map((arm) => {
    const done = runs.filter((r) => r.armId === arm.id && r.status === 'completed');
    const graded = done.filter((r) => r.correct !== null);
    return {
      arm: arm.label,
      runs: done.length,
      graded: graded.length,
      accuracy: graded.length > 0 ? graded.filter((r) => r.correct).length / graded.length : null,
      meanThinkingTokens: mean(done.map((r) => r.metrics?.thinkingTokens).filter((v): v is number => v !== undefined)),
      meanNewTokens: mean(done.map((r) => r.metrics?.newTokens).filter((v): v is number => v !== undefined)),
    };
  });
}
