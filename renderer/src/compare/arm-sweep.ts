// Sweeping one parameter of an arm: the arm becomes one arm per value ("RS k=1", "RS k=4", ...), each
// config parsed through the method's schema so that an out-of-range value is refused with the
// schema's message. Repeated sampling sweeps k, particle filtering N, A*-decoding k (TTS issue 15, item 7).
import type { MethodConfig } from '@app/methods';
import { MethodConfig as MethodConfigSchema } from '@app/methods';
import type { ArmDraft } from './arm-draft';
import { newArmDraft } from './arm-draft';

/** The most arms one sweep makes (an experiment holds at most 32 arms). */
export const MAX_SWEEP_VALUES = 12;

/** The parameter each method sweeps from the arm editor, where it has one. */
export const sweptParam: Partial<Record<MethodConfig['method'], string>> = {
  repeated_sampling: 'k',
  // particle filtering sweeps N, A*-decoding k (branch search)
  particle_filtering: 'particles',
  astar_decoding: 'candidates',
};

/** Parses "1, 2, 4, 8": distinct positive integers in the order typed; an error sentence otherwise. */
export function parseSweep(text: string): number[] | string {
  const parts = text.split(/[,\s]+/).filter((p) => p !== '');
  if (parts.length === 0) return 'type the values to sweep, e.g. 1, 2, 4, 8';
  const values: number[] = [];
  for (const p of parts) {
    const v = Number(p);
    if (!Number.isInteger(v) || v < 1) return `"${p}" is not a positive whole number`;
    if (!values.includes(v)) values.push(v);
  }
  if (values.length > MAX_SWEEP_VALUES) return `at most ${MAX_SWEEP_VALUES} values per sweep`;
  return values;
}

/** One arm per value of `param`, labelled "<label> <param>=<value>"; an error sentence when a value is out of the method's range. */
export function sweepArm(arm: ArmDraft, param: string, values: readonly number[]): ArmDraft[] | string {
  const out: ArmDraft[] = [];
  for (const v of values) {
    const parsed = MethodConfigSchema.safeParse({ ...arm.config, params: { ...arm.config.params, [param]: v } });
    if (!parsed.success) return `${param} = ${v}: ${parsed.error.issues[0]!.message}`;
    out.push({ ...newArmDraft(parsed.data, `${arm.label.replace(new RegExp(` ${param}=\\d+$`), '')} ${param}=${v}`, arm.baseline && out.length === 0), autoLabel: false });
  }
  return out;
}
