// Which registered models suit which role of which method: incompatible ones are listed but
// disabled with the reason (the engine would refuse them up front), suitable ones come first, and
// each role gets a sensible default (draft/small roles the smallest draft-trained model, RICE an MoE).
import type { MethodName } from '../../../app/methods';
import type { ModelInfo, ModelRef } from '../../../app/models';

export interface ModelChoice {
  model: ModelInfo;
  /** Why the engine would refuse this model in this role; null when usable. */
  problem: string | null;
  /** Trained or sized for this role. */
  suited: boolean;
}

const SMALL_ROLES = new Set(['draft', 'small']);

function problemFor(method: MethodName, role: string, m: ModelInfo): string | null {
  const caps = m.capabilities;
  if (method === 'rice' && !(caps.routerLogits && caps.routerBias)) return 'not an MoE with router_logits and router_bias';
  if (method === 'del' && caps.exitLayers.length === 0) return 'no early-exit heads';
  if (method === 'specreason' && role === 'large' && !caps.judge) return 'not trained as a step judge';
  return null;
}

function suitedFor(method: MethodName, role: string, m: ModelInfo): boolean {
  const roles = m.manifest.roles;
  if (SMALL_ROLES.has(role)) return roles.includes('draft');
  if (method === 'rice') return m.manifest.family === 'moe';
  return roles.includes('generate') && !roles.includes('draft');
}

/** All models for a role, usable and suited ones first, then by size (small roles: smallest first). */
export function modelChoices(method: MethodName, role: string, models: readonly ModelInfo[]): ModelChoice[] {
  const small = SMALL_ROLES.has(role);
  return models
    .map((model) => ({ model, problem: problemFor(method, role, model), suited: suitedFor(method, role, model) }))
    .sort((a, b) => {
      if ((a.problem === null) !== (b.problem === null)) return a.problem === null ? -1 : 1;
      if (a.suited !== b.suited) return a.suited ? -1 : 1;
      const size = a.model.manifest.parameters - b.model.manifest.parameters;
      return small ? size : -size;
    });
}

/** The default model id for a role (the first usable choice), or null when there is none. */
export function defaultModelFor(method: MethodName, role: string, models: readonly ModelInfo[]): string | null {
  const choices = modelChoices(method, role, models);
  const dense = method !== 'rice' && !SMALL_ROLES.has(role) ? choices.find((c) => c.problem === null && c.suited && c.model.manifest.family === 'dense') : undefined;
  return (dense ?? choices.find((c) => c.problem === null))?.model.id ?? null;
}

/**
 * The model of each role: the user's pick when it exists and is usable, else the default. Roles
 * without any usable model are left out.
 */
export function effectiveModels(method: MethodName, roles: readonly string[], picked: Record<string, ModelRef>, models: readonly ModelInfo[]): Record<string, ModelRef> {
  const out: Record<string, ModelRef> = {};
  for (const role of roles) {
    const pick = picked[role];
    const info = pick && models.find((m) => m.id === pick.model);
    if (pick && info && problemFor(method, role, info) === null) {
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
