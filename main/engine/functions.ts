// Engine functions beyond runs, called by name from the host (calibration tables, benchmarks' helpers).
// Each takes JSON arguments and the model paths it may load.
import { WorkbenchError } from '@app/errors';
import type { Engine } from './engine';
import type { EngineFunction, ProgressReporter } from './functions/engine-function';
import { loadModel, residentModels, unloadModel } from './functions/model-residency';
import { riceCalibrate } from './functions/rice-calibrate';
import type { ModelLoader } from './model-loader';
import type { ModelPaths } from './protocol';

export type { EngineFunction, ProgressReporter } from './functions/engine-function';

export const engineFunctions: Record<string, EngineFunction> = {
  'rice.calibrate': riceCalibrate,
  'models.load': loadModel,
  'models.unload': unloadModel,
  'models.resident': residentModels,
};

/** Runs the engine function `name`; `progress` hears how far it has come, when the function reports it. */
export async function callEngineFunction(engine: Engine, loader: ModelLoader, name: string, args: unknown, models: ModelPaths, progress: ProgressReporter = () => undefined): Promise<unknown> {
  const fn = engineFunctions[name];
  if (!fn) throw new WorkbenchError('not_found', `unknown engine function ${name}`);
  return fn(engine, loader, args, models, progress);
}
