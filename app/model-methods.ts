// Which methods a model can serve, and why not, derived from the method descriptors (each role's
// needs) and what its graph offers (capabilities discovered from the session). Shown on the Models
// page; the engine checks the same table again when a run starts.
import type { MethodName, RoleSpec } from './methods';
import { methodDescriptors, roleProblem } from './methods';
import type { ModelCapabilities, ModelInfo } from './models';

export interface MethodSupport {
  method: MethodName;
  label: string;
  ok: boolean;
  /** How it runs (ok), or what the model lacks (not ok). */
  why: string;
}

/** How a method runs on a model that can take its primary role. */
function howItRuns(roles: Record<string, RoleSpec>, primaryRole: string, family: string, c: ModelCapabilities): string {
  const others = Object.keys(roles).filter((r) => r !== primaryRole);
  const notes: string[] = [];
  if (others.length > 0) notes.push(`needs a ${others.join(' and ')} model with the same tokenizer`);
  if (family === 'speculative' && others.length === 0 && c.kvCache) {
    notes.push(c.attentionBias ? 'trees verified in one pass (attention_bias)' : 'no attention_bias: tree paths verified as a batch');
  }
  return notes.join('; ') || 'any causal LM graph';
}

/** One line per method for `model` in the method's primary role (target / large / the only model). */
export function methodSupport(model: Pick<ModelInfo, 'capabilities' | 'manifest'>): MethodSupport[] {
  return methodDescriptors.map((d) => {
    const roles = d.roles as Record<string, RoleSpec>;
    const problem = roleProblem(d.id, d.primaryRole, model.capabilities);
    return { method: d.id, label: d.label, ok: problem === null, why: problem ?? howItRuns(roles, d.primaryRole, d.family, model.capabilities) };
  });
}
