// The speculative decoding family (chain speculative sampling, Token Recycling, RSD, DEL, prompt
// lookup), each a proposer run by the one round loop (round.ts); registered into the engine's method
// table by ../registry.ts.
import type { MethodConfig, MethodName } from '@app/methods';
import type { MethodImplementation } from '../context';
import { chainSpeculative } from './chain';
import { dynamicExitLayer } from './del';
import { promptLookup } from './prompt-lookup';
import { rsd } from './rsd';
import { tokenRecycling } from './token-recycling';

export const speculativeMethods: Partial<Record<MethodName, MethodImplementation<MethodConfig>>> = {
  chain_sd: chainSpeculative as MethodImplementation<MethodConfig>,
  token_recycling: tokenRecycling as MethodImplementation<MethodConfig>,
  rsd: rsd as MethodImplementation<MethodConfig>,
  del: dynamicExitLayer as MethodImplementation<MethodConfig>,
  prompt_lookup: promptLookup as MethodImplementation<MethodConfig>,
};
