// Whether models can take a method's roles, from the roles' needs in the descriptor: the engine's
// up-front refusal and the Playground's disabled choices read the same table.
import type { ModelCapabilities } from '../models';
import type { RoleSpec } from './descriptor';
import { hasCapability, missingCapability } from './descriptor';
import type { MethodName } from './registry';
import { descriptorOf } from './registry';

function roleSpec(method: MethodName, role: string): RoleSpec | undefined {
  return (descriptorOf(method).roles as Record<string, RoleSpec>)[role];
}

/** Why a model cannot take `role` of `method` (short, for a disabled choice), or null when it can. */
export function roleProblem(method: MethodName, role: string, caps: ModelCapabilities): string | null {
  const missing = roleSpec(method, role)?.needs.find((need) => !hasCapability(caps, need));
  return missing ? missingCapability[missing].short : null;
}

/** Why the models cannot run `method`, one full sentence per missing capability (empty when they can). */
export function capabilityProblems(method: MethodName, models: Record<string, { name: string; capabilities: ModelCapabilities }>): string[] {
  const d = descriptorOf(method);
  const out: string[] = [];
  for (const [role, spec] of Object.entries(d.roles as Record<string, RoleSpec>)) {
    const m = models[role];
    if (!m) continue;
    for (const need of spec.needs) {
      if (!hasCapability(m.capabilities, need)) out.push(`${d.label}: the ${role} model ${m.name} ${missingCapability[need].full}`);
    }
  }
  return out;
}
