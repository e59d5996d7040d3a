// The speculative decoding family (chain speculative sampling, Token Recycling, RSD, DEL), each a
// strategy over the runtime; registered into the engine's method table by ../registry.ts.
import type { MethodConfig, MethodName } from '../../../../app/methods';
import type { MethodImplementation } from '../context';

export const speculativeMethods: Partial<Record<MethodName, MethodImplementation<MethodConfig>>> = {};
