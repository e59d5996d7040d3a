// Which registered models suit which role of which method, from the method's descriptor: models
// lacking a capability the role needs are listed but disabled with the reason (the engine would refuse
// them up front), suitable ones come first (small roles: draft-trained models; big roles: generators,
// or the architecture the role prefers), and each role gets a sensible default.
import type { MethodName, RoleSpec } from '@app/methods';
import { roleProblem, rolesOf } from '@app/methods';
import type { ModelInfo, ModelRef } from '@app/models';

export interface ModelChoice {
  model: ModelInfo;
  /** Why the engine would refuse this model in this role; null when usable. */
  problem: string | null;
  /** Trained or sized for this role. */
  suited: boolean;
}

function specOf(method: MethodName, role: string): RoleSpec {
  return rolesOf(method).find(([r]) => r === role)?.[1] ?? { size: 'big', needs: [] };
}

function suitedFor(spec: RoleSpec, m: ModelInfo): boolean {
  const roles = m.manifest.roles;
  if (spec.size === 'small') return roles.includes('draft');
  if (spec.prefers) return m.manifest.family === spec.prefers;
  return roles.includes('generate') && !roles.includes('draft');
}

/** All models for a role, usable and suited ones first, then by size (small roles: smallest first). */
export function modelChoices(method: MethodName, role: string, models: readonly ModelInfo[]): ModelChoice[] {
  const spec = specOf(method, role);
  const small = spec.size === 'small';
  return models
    .map((model) => ({ model, problem: roleProblem(method, role, model.capabilities), suited: suitedFor(spec, model) }))
    .sort((a, b) => {
      if ((a.problem === null) !== (b.problem === null)) return a.problem === null ? -1 : 1;
      if (a.suited !== b.suited) return a.suited ? -1 : 1;
      const size = a.model.manifest.parameters - b.model.manifest.parameters;
      return small ? size : -size;
    });
}

/** The default model id for a role (the first usable choice; big roles without a preference: a dense one), or null when there is none. */
export function defaultModelFor(method: MethodName, role: string, models: readonly ModelInfo[]): string | null {
  const spec = specOf(method, role);
  const choices = modelChoices(method, role, models);
  const dense = spec.size === 'big' && !spec.prefers ? choices.find((c) => c.problem === null && c.suited && c.model.manifest.family === 'dense') : undefined;
  return (dense ?? choices.find((c) => c.problem === null))?.model.id ?? null;
}

/**
 * The model of each role of `method`: the user's pick when it exists and is usable, else the
 * default. Roles without any usable model are left out.
 */
export function effectiveModels(method: MethodName, picked: Record<string, ModelRef>, models: readonly ModelInfo[]): Record<string, ModelRef> {
  const out: Record<string, ModelRef> = {};
  for (const [role] of rolesOf(method)) {
    const pick = picked[role];
    const info = pick && models.find((m) => m.id === pick.model);
    if (pick && info && roleProblem(method, role, info.capabilities) === null) {
      out[role] = pick;
      continue;
    }
    const id = defaultModelFor(method, role, models);
    if (id) out[role] = { model: id, provider: pick?.provider ?? 'cpu' };
  }
  return out;
}

/** A warning when the chosen models cannot share tokens (the engine refuses with tokenizer_mismatch). */
export function vocabularyWarning(refs: Record<string, ModelRef>, models: readonly ModelInfo[]): string | null {
  const infos = Object.entries(refs).map(([role, r]) => [role, models.find((m) => m.id === r.model)] as const);
  const sizes = new Set(infos.map(([, m]) => m?.manifest.vocabSize));
  if (sizes.size <= 1) return null;
  return `These models have different vocabularies (${infos.map(([role, m]) => `${role}: ${m?.manifest.vocabSize ?? '?'}`).join(', ')}); the engine will refuse them (tokenizer_mismatch).`;
}
