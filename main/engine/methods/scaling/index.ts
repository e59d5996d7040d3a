// The test-time scaling methods (repeated sampling; particle filtering and A* on branch search), each
// a strategy over the runtime; registered into the engine's method table by ../registry.ts.
import type { MethodConfig, MethodName } from '@app/methods';
import type { MethodImplementation } from '../context';
import { astarDecoding } from './astar-decoding';
import { particleFiltering } from './particle-filtering';
import { repeatedSampling } from './repeated-sampling';

export const scalingMethods: Partial<Record<MethodName, MethodImplementation<MethodConfig>>> = {
  repeated_sampling: repeatedSampling as MethodImplementation<MethodConfig>,
  // search (branch search)
  particle_filtering: particleFiltering as MethodImplementation<MethodConfig>,
  astar_decoding: astarDecoding as MethodImplementation<MethodConfig>,
};
