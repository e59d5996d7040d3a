// Engine functions beyond runs, called by name from the host (calibration tables, benchmarks' helpers).
// Each takes JSON arguments and the model paths it may load.
import { WorkbenchError } from '../../app/errors';
import type { Engine } from './engine';
import { riceCalibrate } from './functions/rice-calibrate';
import type { ModelLoader } from './model-loader';
import type { ModelPaths } from './protocol';

export type EngineFunction = (engine: Engine, loader: ModelLoader, args: unknown, models: ModelPaths) => Promise<unknown>;

export const engineFunctions: Record<string, EngineFunction> = {
  'rice.calibrate': riceCalibrate,
};

export async function callEngineFunction(engine: Engine, loader: ModelLoader, name: string, args: unknown, models: ModelPaths): Promise<unknown> {
  const fn = engineFunctions[name];
  if (!fn) throw new WorkbenchError('not_found', `unknown engine function ${name}`);
  return fn(engine, loader, args, models);
}
