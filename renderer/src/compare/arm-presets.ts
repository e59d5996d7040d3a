// Quick presets for experiment arms: a method config with sensible models for each role (the embedded
// base / draft / moe when they exist, chosen by each role's size class and preference in the method's
// descriptor), parsed through the contract so defaults fill in.
import type { MethodConfig, MethodName, RoleSpec } from '@app/methods';
import { MethodConfig as MethodConfigSchema, methodNames, modelIdsOf, rolesOf } from '@app/methods';

/** The methods offered in the arm editor, in display order (every method of the registry). */
export const presetMethods: readonly MethodName[] = methodNames;

/** Which embedded model a role prefers among those registered, by its size class (or preferred architecture). */
function preference(spec: RoleSpec): readonly string[] {
  if (spec.prefers === 'moe') return ['moe', 'base'];
  return spec.size === 'small' ? ['draft', 'base'] : ['base', 'moe', 'draft'];
}

function pickModel(spec: RoleSpec, modelIds: readonly string[]): string {
  return preference(spec).find((id) => modelIds.includes(id)) ?? modelIds[0] ?? 'base';
}

/**
 * A default config for `method`: each model role filled from `modelIds` (embedded models first), the
 * sampling given (e.g. the builder's shared max new tokens), everything else the method's defaults.
 */
export function presetConfig(method: MethodName, modelIds: readonly string[], sampling: Partial<MethodConfig['sampling']> = {}): MethodConfig {
  const models = Object.fromEntries(rolesOf(method).map(([role, spec]) => [role, { model: pickModel(spec, modelIds), provider: 'cpu' }]));
  return MethodConfigSchema.parse({ method, models, sampling });
}

/** A short default label for an arm, unique among `taken` ("chain_sd", "chain_sd 2", ...). */
export function presetLabel(config: MethodConfig, taken: readonly string[]): string {
  const models = modelIdsOf(config);
  const base = config.method === 'autoregressive' ? `AR ${models[0]}` : `${config.method} ${models.join('/')}`;
  if (!taken.includes(base)) return base;
  for (let i = 2; ; i++) if (!taken.includes(`${base} ${i}`)) return `${base} ${i}`;
}
