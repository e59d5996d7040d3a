// Models held in memory by the engine (LM Studio's "loaded"): which variant, on which provider, and
// the memory loading it took.
import { z } from 'zod';
import { Provider } from './models';

export const ModelResidency = z.object({
  modelId: z.string(),
  provider: Provider,
  dtype: z.string(),
  /** Growth of the engine's resident memory while the model loaded. */
  memoryBytes: z.number().int().nonnegative(),
  loadedAt: z.string(),
});
export type ModelResidency = z.infer<typeof ModelResidency>;
