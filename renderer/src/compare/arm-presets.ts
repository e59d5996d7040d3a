// Quick presets for experiment arms: a method config with sensible models for each role (the
// embedded base / draft / moe when they exist), parsed through the contract so defaults fill in.
import type { MethodConfig, MethodName } from '../../../app/methods';
import { MethodConfig as MethodConfigSchema, methodCatalog } from '../../../app/methods';

/** The methods offered in the arm editor, in display order. */
export const presetMethods: readonly MethodName[] = ['autoregressive', 'chain_sd', 'token_recycling', 'rsd', 'del', 'ead', 'specreason', 'rice'];

/** Which model a role prefers among those registered: the big one, the small one, or the MoE. */
const rolePreference: Record<string, readonly string[]> = {
  model: ['base', 'moe', 'draft'],
  target: ['base', 'moe', 'draft'],
  large: ['base', 'moe', 'draft'],
  draft: ['draft', 'base'],
  small: ['draft', 'base'],
};

function pickModel(role: string, method: MethodName, modelIds: readonly string[]): string {
  const preferred = method === 'rice' ? ['moe', 'base'] : (rolePreference[role] ?? []);
  return preferred.find((id) => modelIds.includes(id)) ?? modelIds[0] ?? 'base';
}

/**
 * A default config for `method`: each model role filled from `modelIds` (embedded models first), the
 * sampling given (e.g. the builder's shared max new tokens), everything else the method's defaults.
 */
export function presetConfig(method: MethodName, modelIds: readonly string[], sampling: Partial<MethodConfig['sampling']> = {}): MethodConfig {
  const raw: Record<string, unknown> = { method, sampling };
  for (const role of methodCatalog[method].modelRoles) raw[role] = { model: pickModel(role, method, modelIds), provider: 'cpu' };
  return MethodConfigSchema.parse(raw);
}

/** A short default label for an arm, unique among `taken` ("chain_sd", "chain_sd 2", ...). */
export function presetLabel(config: MethodConfig, taken: readonly string[]): string {
  const models = methodCatalog[config.method].modelRoles.map((r) => (config as unknown as Record<string, { model: string }>)[r]!.model);
  const base = config.method === 'autoregressive' ? `AR ${models[0]}` : `${config.method} ${models.join('/')}`;
  if (!taken.includes(base)) return base;
  for (let i = 2; ; i++) if (!taken.includes(`${base} ${i}`)) return `${base} ${i}`;
}
