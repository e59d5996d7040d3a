// The table of implemented methods. A method config whose method is missing here is refused up front.
import type { MethodConfig, MethodName } from '@app/methods';
import { autoregressive } from './autoregressive';
import type { MethodImplementation } from './context';
import { reasoningMethods } from './reasoning';
import { scalingMethods } from './scaling';
import { speculativeMethods } from './speculative';

export const methods: Partial<Record<MethodName, MethodImplementation<MethodConfig>>> = {
  autoregressive: autoregressive as MethodImplementation<MethodConfig>,
  ...speculativeMethods,
  ...reasoningMethods,
  ...scalingMethods,
};
