// Setup-consistency warnings for a comparison (Weave warns on dataset and scorer versions): arms
// that decode differently from the baseline, model files or engine that changed between runs, seeds
// that differ on the same sample, and a dataset whose content is not the one the experiment used.
import type { ExperimentArm } from '../experiments';
import { primaryModelOf } from '../methods';
import type { RunSetup } from '../runs';

/** What the warnings need of one run of the experiment. */
export interface SetupRun {
  arm: string;
  itemId: string;
  sample: number;
  seed: number;
  /** RunRecord.setup: the engine version and `<role>:<modelId>` -> model fingerprint. */
  setup: Pick<RunSetup, 'engine' | 'fingerprints'>;
}

export interface SetupInput {
  arms: readonly Pick<ExperimentArm, 'label' | 'config' | 'baseline'>[];
  runs: readonly SetupRun[];
  /** The dataset version recorded when the experiment was created, and the dataset's version now (null: deleted). */
  dataset?: { recorded: string | undefined; current: string | null };
}

const SAMPLING_FIELDS = [
  ['temperature', 'temperature'],
  ['topK', 'top-k'],
  ['topP', 'top-p'],
  ['maxNewTokens', 'max new tokens'],
] as const;

function short(fingerprint: string): string {
  return fingerprint.slice(0, 10);
}

/** Human-readable warnings, most important first; empty when the setup is consistent. */
export function setupWarnings(input: SetupInput): string[] {
  const warnings: string[] = [];
  const { dataset } = input;
  if (dataset) {
    if (dataset.current === null) warnings.push('The dataset of this experiment was deleted: questions and references are no longer shown.');
    else if (dataset.recorded && dataset.recorded !== dataset.current) {
      warnings.push(`The dataset's content changed since the experiment was created (version ${short(dataset.recorded)} then, ${short(dataset.current)} now).`);
    }
  }

  for (const arm of input.arms) {
    if (arm.config.method === 'token_recycling' && !arm.config.params.resetPerPrompt) {
      warnings.push(`Arm "${arm.label}" uses Token Recycling with a hot-start matrix: its acceptance depends on what ran before in the same engine; set resetPerPrompt for order-independent results.`);
    }
  }

  const baseline = input.arms.find((a) => a.baseline);
  if (baseline) {
    const base = baseline.config;
    for (const arm of input.arms) {
      if (arm === baseline) continue;
      const diffs = SAMPLING_FIELDS.filter(([key]) => arm.config.sampling[key] !== base.sampling[key]).map(
        ([key, name]) => `${name} ${arm.config.sampling[key]} vs ${base.sampling[key]}`,
      );
      if (JSON.stringify(arm.config.sampling.stop) !== JSON.stringify(base.sampling.stop)) diffs.push('stop strings');
      if (diffs.length) warnings.push(`Arm "${arm.label}" decodes differently from the baseline "${baseline.label}": ${diffs.join(', ')}.`);
      const target = primaryModelOf(arm.config);
      const baseTarget = primaryModelOf(base);
      if (target.model !== baseTarget.model) {
        warnings.push(`Arm "${arm.label}" reports on model ${target.model}, the baseline on ${baseTarget.model}: accuracy and speed compare different models.`);
      } else if (target.provider !== baseTarget.provider) {
        warnings.push(`Arm "${arm.label}" runs ${target.model} on ${target.provider}, the baseline on ${baseTarget.provider}: latencies compare different devices.`);
      }
    }
  }

  const fingerprints = new Map<string, Set<string>>();
  const engines = new Set<string>();
  for (const run of input.runs) {
    if (run.setup.engine) engines.add(run.setup.engine);
    for (const [key, value] of Object.entries(run.setup.fingerprints)) {
      const model = key.slice(key.indexOf(':') + 1);
      const set = fingerprints.get(model) ?? new Set<string>();
      set.add(value);
      fingerprints.set(model, set);
    }
  }
  for (const [model, set] of fingerprints) {
    if (set.size > 1) warnings.push(`Model ${model} changed during the experiment: its runs used ${set.size} different files (${[...set].map(short).join(', ')}).`);
  }
  if (engines.size > 1) warnings.push(`Runs were made by ${engines.size} engine versions (${[...engines].join(', ')}).`);

  const seeds = new Map<string, Set<number>>();
  for (const run of input.runs) {
    const key = JSON.stringify([run.itemId, run.sample]);
    const set = seeds.get(key) ?? new Set<number>();
    set.add(run.seed);
    seeds.set(key, set);
  }
  const mismatched = [...seeds.values()].filter((s) => s.size > 1).length;
  if (mismatched > 0) warnings.push(`Arms used different seeds on ${mismatched} (item, sample) cell${mismatched === 1 ? '' : 's'}.`);
  return warnings;
}
