// The reasoning methods (entropy-adaptive switching, SpecReason, RICE expert steering), each a
// strategy over the runtime; registered into the engine's method table by ../registry.ts.
import type { MethodConfig, MethodName } from '@app/methods';
import type { MethodImplementation } from '../context';
import { ead } from './ead';
import { rice } from './rice';
import { specreason } from './specreason';

export const reasoningMethods: Partial<Record<MethodName, MethodImplementation<MethodConfig>>> = {
  ead: ead as MethodImplementation<MethodConfig>,
  specreason: specreason as MethodImplementation<MethodConfig>,
  rice: rice as MethodImplementation<MethodConfig>,
};
