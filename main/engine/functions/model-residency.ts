// Engine functions for the Models page's load / unload: load a model (and say how much memory it took),
// release it, and list what is in memory. Runs load models on demand anyway; these make it explicit.
import { z } from 'zod';
import { Provider } from '@app/models';
import type { EngineFunction } from './engine-function';

const LoadArgs = z.object({ modelId: z.string(), path: z.string(), provider: Provider.default('cpu'), dtype: z.string().optional() });
const PathArgs = z.object({ path: z.string() });

/** Loads a model; answers with its residency (memory it took). */
export const loadModel: EngineFunction = async (_engine, loader, args) => {
  const a = LoadArgs.parse(args);
  await loader.load(a.path, a.provider, a.modelId, a.dtype);
  return loader.resident().filter((r) => r.path === a.path);
};

/** Releases every variant of a model held in memory. */
export const unloadModel: EngineFunction = async (_engine, loader, args) => ({ released: await loader.unload(PathArgs.parse(args).path) });

/** What is in memory now. */
export const residentModels: EngineFunction = async (_engine, loader) => loader.resident();
